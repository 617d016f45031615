using Npgsql;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Infrastructure.Webhooks;

namespace Slots.Api.IntegrationTests.Webhooks;

/// <summary>
/// The fan-out alone: new events become one delivery per subscription that wants them, the first ones claimed by the
/// caller; an event of a transaction still running holds back the ones after it; one process fans out at a time.
/// </summary>
[Collection(ApiCollection.Name)]
public class WebhookFanOutTests(SlotsApiFactory factory) : WebhookPartTestBase(factory)
{
    private WebhookFanOut FanOut => new(Database, Options);

    [Fact]
    public async Task New_events_become_deliveries_the_first_claimed_and_the_rest_due_for_any_process()
    {
        var all = await SubscribeAsync();
        var bookings = await SubscribeAsync("slots.booking.created");
        var events = await PublishAsync("slots.slot.created", "slots.booking.created", "slots.booking.created");

        var (read, claimed) = await FanOut.RunAsync(claim: 2, default);

        Assert.Equal(3, read);
        // In feed order, then by subscription: the first event has one delivery, the second two.
        var first = new[] { all, bookings }.MinBy(s => s.ToString())!;
        Assert.Equal([(all, events[0], 1), (first, events[1], 1)], claimed.Select(c => (c.Subscription, c.Event.Id, c.Attempt)));
        Assert.All(claimed, c => Assert.Equal("http://127.0.0.1:9/hooks", c.Url.AbsoluteUri));
        Assert.Equal(5L, await ScalarAsync<long>("SELECT count(*) FROM webhook_deliveries"));
        Assert.Equal(2L, await ScalarAsync<long>(
            "SELECT count(*) FROM webhook_deliveries WHERE status = 'sending' AND attempts = 1 AND next_attempt_at > now() + interval '4 seconds'"));
        Assert.Equal(3L, await ScalarAsync<long>(
            "SELECT count(*) FROM webhook_deliveries WHERE status = 'pending' AND attempts = 0 AND next_attempt_at <= now()"));
        Assert.Equal(2, (await DeliveriesAsync(bookings)).Count);

        var again = await FanOut.RunAsync(claim: 10, default);
        Assert.Equal((0, 0), (again.Events, again.Claimed.Count));
        Assert.Equal(5L, await ScalarAsync<long>("SELECT count(*) FROM webhook_deliveries"));
    }

    /// <summary>
    /// With a cap of 2 in flight: the fan-out claims no more of a subscription's deliveries than its room, none of a parked
    /// one's (they wait, due), and makes none for a disabled one.
    /// </summary>
    [Fact]
    public async Task The_fan_out_claims_within_each_subscriptions_room_and_makes_nothing_for_a_disabled_one()
    {
        var fanOut = new WebhookFanOut(Database, new WebhookOptions { AllowInsecureTargets = true, MaxInFlightPerSubscription = 2, BreakAfter = 5 });
        var open = await SubscribeAsync();
        var parked = await SubscribeAsync();
        var disabled = await SubscribeAsync();
        await ExecuteAsync("UPDATE webhook_subscriptions SET failures = 5, parks = 1, parked_until = now() + interval '1 minute' WHERE id = $1", parked);
        await ExecuteAsync("UPDATE webhook_subscriptions SET disabled_at = now() WHERE id = $1", disabled);
        var events = await PublishAsync(Enumerable.Repeat("slots.slot.created", 5).ToArray());

        var (read, claimed) = await fanOut.RunAsync(claim: 100, default);

        Assert.Equal(5, read);
        Assert.Equal([(open, events[0]), (open, events[1])], claimed.Select(c => (c.Subscription, c.Event.Id)));
        Assert.Equal(
            [$"{events[0]} sending 1", $"{events[1]} sending 1", $"{events[2]} pending 0", $"{events[3]} pending 0", $"{events[4]} pending 0"],
            await DeliveriesAsync(open));
        Assert.Equal(events.Select(e => $"{e} pending 0"), await DeliveriesAsync(parked));
        Assert.Empty(await DeliveriesAsync(disabled));
    }

    [Fact]
    public async Task A_subscription_gets_only_the_events_of_transactions_after_its_own()
    {
        await PublishAsync("slots.slot.created");
        var late = await SubscribeAsync();
        var after = await PublishAsync("slots.slot.changed");

        var (read, _) = await FanOut.RunAsync(claim: 0, default);

        Assert.Equal(2, read);
        Assert.Equal([$"{after[0]} pending 0"], await DeliveriesAsync(late));
    }

    [Fact]
    public async Task An_event_of_a_transaction_still_running_holds_back_the_later_ones_which_are_not_skipped()
    {
        var subscription = await SubscribeAsync();
        await using var early = await Database.Source.OpenConnectionAsync();
        await using var running = await early.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO events (id, type, subject, time, data) VALUES ($1, 'slots.slot.created', gen_random_uuid(), now(), '{}')", early, running))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
            await insert.ExecuteNonQueryAsync();
        }

        var later = await PublishAsync("slots.slot.changed");
        var whileRunning = await FanOut.RunAsync(claim: 0, default);
        await running.CommitAsync();
        var afterwards = await FanOut.RunAsync(claim: 10, default);

        Assert.Equal(0, whileRunning.Events);
        Assert.Equal(2, afterwards.Events);
        Assert.Equal(later[0], afterwards.Claimed[1].Event.Id); // the early transaction's event comes first
        Assert.Equal(2, (await DeliveriesAsync(subscription)).Count);
    }

    [Fact]
    public async Task A_process_that_finds_the_cursor_taken_makes_nothing()
    {
        await SubscribeAsync();
        await PublishAsync("slots.slot.created");
        await using var other = await Database.Source.OpenConnectionAsync();
        await using var holding = await other.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("SELECT 1 FROM webhook_fanout WHERE id = 1 FOR UPDATE", other, holding))
        {
            await take.ExecuteNonQueryAsync();
        }

        var (read, claimed) = await FanOut.RunAsync(claim: 10, default);

        Assert.Equal((0, 0), (read, claimed.Count));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM webhook_deliveries"));
    }
}
