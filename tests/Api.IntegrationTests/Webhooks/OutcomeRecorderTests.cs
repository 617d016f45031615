using Microsoft.Extensions.Logging.Abstractions;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Infrastructure.Webhooks;

namespace Slots.Api.IntegrationTests.Webhooks;

/// <summary>
/// The recorder alone: an outcome is written only over the attempt it belongs to; a success is delivered, a failure is due
/// again after its wait or, past the retry window, failed; many outcomes go out in batches.
/// </summary>
[Collection(ApiCollection.Name)]
public class OutcomeRecorderTests(SlotsApiFactory factory) : WebhookPartTestBase(factory)
{
    private OutcomeRecorder Recorder => new(Database, Options, NullLogger<OutcomeRecorder>.Instance);

    [Fact]
    public async Task A_success_is_delivered_and_a_failure_is_due_again_after_its_wait()
    {
        var (subscription, events) = await SendingAsync(2, attempts: 1);

        var written = await Recorder.RecordAsync(
        [
            new DeliveryOutcome(subscription, events[0], 1, 204, null, TimeSpan.Zero),
            new DeliveryOutcome(subscription, events[1], 1, 503, "HTTP 503", TimeSpan.FromMinutes(10)),
        ]);

        Assert.Equal(2, written);
        Assert.Equal([$"{events[0]} delivered 1", $"{events[1]} pending 1"], await DeliveriesAsync(subscription));
        Assert.Equal("204 true false", await RowAsync(events[0], "last_status_code || ' ' || (delivered_at IS NOT NULL) || ' ' || (next_attempt_at IS NOT NULL)"));
        Assert.Equal("503 HTTP 503 false true", await RowAsync(
            events[1], "last_status_code || ' ' || last_error || ' ' || (delivered_at IS NOT NULL) || ' ' || (next_attempt_at BETWEEN now() + interval '9 minutes' AND now() + interval '11 minutes')"));
    }

    [Fact]
    public async Task A_failure_whose_wait_ends_past_the_retry_window_is_failed_and_kept()
    {
        var (subscription, events) = await SendingAsync(1, attempts: 7);
        await ExecuteAsync("UPDATE webhook_deliveries SET retry_from = now() - $1 + interval '5 minutes'", Options.GiveUpAfter);

        await Recorder.RecordAsync([new DeliveryOutcome(subscription, events[0], 7, null, "No answer", TimeSpan.FromMinutes(10))]);

        Assert.Equal([$"{events[0]} failed 7"], await DeliveriesAsync(subscription));
        Assert.Equal("No answer true", await RowAsync(events[0], "last_error || ' ' || (next_attempt_at IS NULL)"));
        // Counted on the subscription for its list, with the error.
        Assert.Equal("1 No answer true", await BreakerAsync(subscription, "failed_count || ' ' || last_error || ' ' || (last_failure_at IS NOT NULL)"));
    }

    [Fact]
    public async Task A_late_outcome_never_overwrites_a_newer_attempt_or_a_replay()
    {
        var (subscription, events) = await SendingAsync(2, attempts: 3);
        await ExecuteAsync("UPDATE webhook_deliveries SET status = 'pending' WHERE event_id = $1", events[1]); // an admin's replay

        var written = await Recorder.RecordAsync(
        [
            new DeliveryOutcome(subscription, events[0], 2, 204, null, TimeSpan.Zero), // attempt 2 answered after attempt 3 began
            new DeliveryOutcome(subscription, events[1], 3, 204, null, TimeSpan.Zero),
        ]);

        Assert.Equal(0, written);
        Assert.Equal([$"{events[0]} sending 3", $"{events[1]} pending 3"], await DeliveriesAsync(subscription));
    }

    [Fact]
    public async Task Outcomes_added_are_all_written_in_batches_before_the_recorder_ends()
    {
        var count = OutcomeRecorder.Batch + 40;
        var (subscription, events) = await SendingAsync(count, attempts: 1);
        var recorder = Recorder;
        var running = recorder.RunAsync();

        foreach (var e in events)
        {
            recorder.Add(new DeliveryOutcome(subscription, e, 1, 200, null, TimeSpan.Zero));
        }

        recorder.Complete();
        await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((long)count, await ScalarAsync<long>("SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered'"));
    }

    /// <summary>
    /// The circuit breaker: failures add up across deliveries; at <c>BreakAfter</c> in a row the subscription is parked for
    /// the first retry delay; failures while parked change nothing; a failed probe after the park parks it for twice as
    /// long; one delivered closes it and forgets the run.
    /// </summary>
    [Fact]
    public async Task Failures_in_a_row_park_the_subscription_for_longer_each_time_and_a_delivery_closes_the_breaker()
    {
        var (subscription, events) = await SendingAsync(8, attempts: 1);
        var recorder = Recorder;
        Task Fail(params int[] which) => recorder.RecordAsync(
            [.. which.Select(i => new DeliveryOutcome(subscription, events[i], 1, 503, "HTTP 503", TimeSpan.FromMinutes(10)))]);

        await Fail(0, 1, 2, 3);
        Assert.Equal("4 0 false true", await BreakerAsync(subscription, "failures || ' ' || parks || ' ' || (parked_until IS NOT NULL) || ' ' || (failing_since IS NOT NULL)"));

        await Fail(4);
        Assert.Equal("5 1 true", await BreakerAsync(subscription, $"failures || ' ' || parks || ' ' || (parked_until BETWEEN now() + $1 - interval '1 second' AND now() + $1)", Options.FirstRetryDelay));

        await Fail(5); // a send that began before the park
        Assert.Equal("6 1 true", await BreakerAsync(subscription, $"failures || ' ' || parks || ' ' || (parked_until <= now() + $1)", Options.FirstRetryDelay));

        await ExecuteAsync("UPDATE webhook_subscriptions SET parked_until = now() - interval '1 second'"); // the park is over
        await Fail(6); // the probe
        Assert.Equal("7 2 true", await BreakerAsync(subscription, $"failures || ' ' || parks || ' ' || (parked_until BETWEEN now() + 2 * $1 - interval '1 second' AND now() + 2 * $1)", Options.FirstRetryDelay));

        await recorder.RecordAsync([new DeliveryOutcome(subscription, events[7], 1, 204, null, TimeSpan.Zero)]);
        Assert.Equal("0 0 true true", await BreakerAsync(subscription, "failures || ' ' || parks || ' ' || (parked_until IS NULL) || ' ' || (failing_since IS NULL)"));
    }

    [Fact]
    public async Task A_subscription_failing_for_longer_than_the_disable_window_is_disabled_and_one_that_delivers_is_not()
    {
        var (failing, failingEvents) = await SendingAsync(1, attempts: 1);
        var (recovering, recoveringEvents) = await SendingAsync(1, attempts: 1);
        await ExecuteAsync("UPDATE webhook_subscriptions SET failures = 40, failing_since = now() - $1 - interval '1 minute'", Options.DisableAfter);

        await Recorder.RecordAsync(
        [
            new DeliveryOutcome(failing, failingEvents[0], 1, null, "No answer", TimeSpan.FromMinutes(10)),
            new DeliveryOutcome(recovering, recoveringEvents[0], 1, 200, null, TimeSpan.Zero),
        ]);

        Assert.Equal("true", await BreakerAsync(failing, "(disabled_at IS NOT NULL)::text"));
        Assert.Equal("false 0", await BreakerAsync(recovering, "(disabled_at IS NOT NULL) || ' ' || failures"));
    }

    [Fact]
    public async Task A_healthy_subscriptions_row_is_not_written_by_its_deliveries()
    {
        var (subscription, events) = await SendingAsync(3, attempts: 1);
        var before = await BreakerAsync(subscription, "xmin::text");

        await Recorder.RecordAsync([.. events.Select(e => new DeliveryOutcome(subscription, e, 1, 204, null, TimeSpan.Zero))]);

        Assert.Equal(before, await BreakerAsync(subscription, "xmin::text"));
        Assert.Equal(3L, await ScalarAsync<long>("SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered'"));
    }

    /// <summary>A subscription with <paramref name="count"/> deliveries being sent as attempt <paramref name="attempts"/>.</summary>
    private async Task<(Guid Subscription, Guid[] Events)> SendingAsync(int count, int attempts)
    {
        var subscription = await SubscribeAsync();
        var events = await PublishAsync(Enumerable.Repeat("slots.slot.created", count).ToArray());
        await ExecuteAsync(
            "INSERT INTO webhook_deliveries (subscription_id, event_id, status, attempts, next_attempt_at) SELECT $1, e, 'sending', $3, now() + interval '25 seconds' FROM unnest($2::uuid[]) e",
            subscription, events, attempts);
        return (subscription, events);
    }

    private Task<string> BreakerAsync(Guid subscription, string expression, params object[] parameters) =>
        ScalarAsync<string>($"SELECT {expression.Replace("$1", "$2", StringComparison.Ordinal)} FROM webhook_subscriptions WHERE id = $1", [subscription, .. parameters]);

    private Task<string> RowAsync(Guid eventId, string expression) =>
        ScalarAsync<string>($"SELECT {expression} FROM webhook_deliveries WHERE event_id = $1", eventId);
}
