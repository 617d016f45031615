using System.Net;
using System.Text.Json;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// One subscription's trouble stays its own: a receiver that never answers holds no more than its cap of the send slots,
/// its circuit breaker opens, and another subscription's deliveries go on as if it were not there; a subscription disabled
/// for failing is sent nothing until an admin enables it.
/// </summary>
[Collection(ApiCollection.Name)]
public class WebhookIsolationTests(SlotsApiFactory factory) : WebhookTestBase(factory)
{
    /// <summary>The default cap on one subscription's deliveries in flight, which the tests' API runs with.</summary>
    private const int Cap = 64;

    /// <summary>
    /// A receiver that never answers (each send times out after the tests' 2 s) and a healthy one, both subscribed to
    /// everything, while 300 bookings are made at once: the healthy one gets each booking's event within a second of the
    /// booking's answer (p99), and the hanging one never has more than the cap in flight. Before the cap, the hung sends took
    /// the process's send slots and the healthy deliveries waited behind them for seconds.
    /// </summary>
    [Fact]
    public async Task A_receiver_that_never_answers_does_not_delay_another_subscriptions_deliveries()
    {
        await using var hanging = await WebhookReceiver.StartAsync();
        hanging.Hang = true;
        await using var healthy = await WebhookReceiver.StartAsync();
        var stuck = await SubscribeAsync(hanging);
        await SubscribeAsync(healthy);
        var specialist = NewSpecialist();
        var slots = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            slots.Add(Id(await CreateSlotAsync(specialist, start: $"{8 + i:00}:00", end: $"{8 + i:00}:30", capacity: 30)));
        }

        using var sampling = new CancellationTokenSource();
        var mostInFlight = SampleMostInFlightAsync(stuck, sampling.Token);
        var answered = new Dictionary<string, DateTime>();
        await Task.WhenAll(Enumerable.Range(0, 300).Select(async i =>
        {
            var customer = $"isolated-{Guid.NewGuid():N}";
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slots[i % 10], customer)).StatusCode);
            lock (answered)
            {
                answered[customer] = DateTime.UtcNow;
            }
        }));

        var received = await healthy.WaitForAsync(r => Bookings(r).Count == 300, Patience, "the 300 bookings' events");
        var delays = Bookings(received).Select(r => r.ReceivedAt - answered[Customer(r)]).Order().ToList();
        var p99 = delays[(int)Math.Ceiling(delays.Count * 0.99) - 1];
        Assert.True(p99 < TimeSpan.FromSeconds(1), $"p99 {p99.TotalMilliseconds:0} ms; the slowest {delays[^1].TotalMilliseconds:0} ms");

        // The hung sends time out, and the breaker parks the subscription.
        var health = await EventuallyAsync<JsonElement>(async () => await HealthAsync(stuck) is { } h && h.GetProperty("parkedUntil").ValueKind == JsonValueKind.String ? h : null);
        Assert.Equal("retrying", health.GetProperty("status").GetString());
        Assert.StartsWith("No answer within", health.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        await sampling.CancelAsync();
        Assert.InRange(await mostInFlight, 1, Cap);

        List<WebhookReceiver.Received> Bookings(IEnumerable<WebhookReceiver.Received> all) =>
            [.. all.Where(r => r.Type == "slots.booking.created" && slots.Contains(Guid.Parse(r.Subject)))];
    }

    /// <summary>
    /// A subscription disabled for failing (as the recorder leaves it after days of failures) says so in its health, gets
    /// no deliveries of new events and refuses a replay; enabled again, it gets the next event.
    /// </summary>
    [Fact]
    public async Task A_disabled_subscription_is_sent_nothing_until_it_is_enabled()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await SubscribeAsync(receiver);
        var first = Id(await CreateSlotAsync(NewSpecialist()));
        var delivered = await receiver.WaitForAsync(r => r.Any(e => e.Subject == first.ToString()), Patience, "the first slot's event");
        await Factory.ExecuteAsync(
            "UPDATE webhook_subscriptions SET disabled_at = now(), failing_since = now() - interval '6 days', failures = 900 WHERE id = $1", webhook);

        Assert.Equal("disabled", (await HealthAsync(webhook)).GetProperty("status").GetString());
        var meanwhile = Id(await CreateSlotAsync(NewSpecialist()));
        await EventuallyFannedOutAsync(meanwhile);
        Assert.Empty(await Factory.ScalarAsync<string[]>(
            "SELECT coalesce(array_agg(d.status), '{}') FROM webhook_deliveries d JOIN events e ON e.id = d.event_id WHERE d.subscription_id = $1 AND e.subject = $2",
            webhook, meanwhile));
        var replay = await Client.PostAsync($"{Hooks}/{webhook}/deliveries/{delivered.First(e => e.Subject == first.ToString()).Id}/retry", null);
        await ProblemAsync(replay, HttpStatusCode.Conflict, "webhook_disabled");

        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync($"{Hooks}/{webhook}/enable", null)).StatusCode);

        var health = await HealthAsync(webhook);
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, health.GetProperty("failingSince").ValueKind);
        var after = Id(await CreateSlotAsync(NewSpecialist()));
        await receiver.WaitForAsync(r => r.Any(e => e.Subject == after.ToString()), Patience, "the event after enabling");
        Assert.DoesNotContain(receiver.Requests, r => r.Subject == meanwhile.ToString());
        await ProblemAsync(await Client.PostAsync($"{Hooks}/{Guid.NewGuid()}/enable", null), HttpStatusCode.NotFound, "webhook_not_found");
    }

    /// <summary>
    /// The most deliveries of <paramref name="subscription"/> in flight (sending under a live lease) seen at once, sampled
    /// until cancelled: what the cap bounds. (The receiver's own count of open requests would also hold the requests the
    /// sender already gave up on and the receiver has not yet seen closed.)
    /// </summary>
    private async Task<long> SampleMostInFlightAsync(Guid subscription, CancellationToken until)
    {
        long most = 0;
        while (!until.IsCancellationRequested)
        {
            most = Math.Max(most, await Factory.ScalarAsync<long>(
                "SELECT count(*) FROM webhook_deliveries WHERE subscription_id = $1 AND status = 'sending' AND next_attempt_at > now()", subscription));
            await Task.Delay(10, CancellationToken.None);
        }

        return most;
    }

    private static string Customer(WebhookReceiver.Received received) =>
        received.Event.GetProperty("data").GetProperty("booking").GetProperty("customerId").GetString()!;
}
