using Npgsql;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Infrastructure.Webhooks;

namespace Slots.Api.IntegrationTests.Webhooks;

/// <summary>
/// The claim alone: it takes the deliveries that are due (pending and due, or sending with a lease run out), the soonest
/// due first, as a new attempt under a new lease, and never one another process has locked.
/// </summary>
[Collection(ApiCollection.Name)]
public class DeliveryClaimTests(SlotsApiFactory factory) : WebhookPartTestBase(factory)
{
    private DeliveryClaim Claim => new(Database, Options);

    [Fact]
    public async Task Due_deliveries_are_claimed_as_a_new_attempt_and_no_other()
    {
        var subscription = await SubscribeAsync();
        var events = await PublishAsync(Enumerable.Repeat("slots.slot.created", 6).ToArray());
        var minute = TimeSpan.FromMinutes(1);
        await InsertDeliveryAsync(subscription, events[0], "pending", 2, -minute); // due
        await InsertDeliveryAsync(subscription, events[1], "pending", 1, minute); // not yet
        await InsertDeliveryAsync(subscription, events[2], "sending", 6, minute); // being sent under a lease
        await InsertDeliveryAsync(subscription, events[3], "sending", 4, -minute); // its sender died: the lease ran out
        await InsertDeliveryAsync(subscription, events[4], "delivered", 1, -minute);
        await InsertDeliveryAsync(subscription, events[5], "failed", 9, -minute);

        var claimed = await Claim.ClaimAsync(10, default);

        Assert.Equal([(events[0], 3), (events[3], 5)], claimed.Select(c => (c.Event.Id, c.Attempt)).Order());
        Assert.All(claimed, c => Assert.Equal("slots.slot.created", c.Event.Type));
        Assert.Equal(
            [$"{events[0]} sending 3", $"{events[1]} pending 1", $"{events[2]} sending 6", $"{events[3]} sending 5", $"{events[4]} delivered 1", $"{events[5]} failed 9"],
            await DeliveriesAsync(subscription));
        // Held for a lease: claimed again only once it runs out.
        Assert.Equal(2L, await ScalarAsync<long>(
            "SELECT count(*) FROM webhook_deliveries WHERE attempts IN (3, 5) AND status = 'sending' AND next_attempt_at > now() + $1",
            Options.ClaimLease - TimeSpan.FromSeconds(5)));
        Assert.Empty(await Claim.ClaimAsync(10, default));
    }

    [Fact]
    public async Task The_soonest_due_are_claimed_first_and_no_more_than_asked()
    {
        var subscription = await SubscribeAsync();
        var events = await PublishAsync(Enumerable.Repeat("slots.slot.created", 3).ToArray());
        for (var i = 0; i < 3; i++)
        {
            await InsertDeliveryAsync(subscription, events[i], "pending", 0, -TimeSpan.FromMinutes(i + 1));
        }

        var claimed = await Claim.ClaimAsync(2, default);

        Assert.Equal([events[2], events[1]], claimed.Select(c => c.Event.Id).OrderByDescending(e => e));
    }

    [Fact]
    public async Task A_delivery_another_process_has_locked_is_skipped_not_waited_for()
    {
        var subscription = await SubscribeAsync();
        var events = await PublishAsync("slots.slot.created", "slots.slot.created");
        await InsertDeliveryAsync(subscription, events[0], "pending", 0, -TimeSpan.FromMinutes(1));
        await InsertDeliveryAsync(subscription, events[1], "pending", 0, -TimeSpan.FromMinutes(1));
        await using var other = await Database.Source.OpenConnectionAsync();
        await using var claiming = await other.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("SELECT 1 FROM webhook_deliveries WHERE event_id = $1 FOR UPDATE", other, claiming))
        {
            take.Parameters.Add(new NpgsqlParameter { Value = events[0] });
            await take.ExecuteNonQueryAsync();
        }

        var claimed = await Claim.ClaimAsync(10, default);

        Assert.Equal([events[1]], claimed.Select(c => c.Event.Id));
    }

    /// <summary>
    /// Three subscriptions with long backlogs and a cap of 3: each gets no more than its cap less what it has in flight,
    /// they take turns when the claim is smaller than their rooms, and a parked one gets nothing, a probing one one, a
    /// disabled one nothing.
    /// </summary>
    [Fact]
    public async Task Each_subscription_gets_its_room_and_no_more_taking_turns_with_the_others()
    {
        var claim = new DeliveryClaim(Database, new WebhookOptions { AllowInsecureTargets = true, MaxInFlightPerSubscription = 3, BreakAfter = 5 });
        var busy = await SubscribeAsync();
        var idle = await SubscribeAsync();
        var other = await SubscribeAsync();
        var events = await PublishAsync(Enumerable.Repeat("slots.slot.created", 10).ToArray());
        foreach (var subscription in new[] { busy, idle, other })
        {
            foreach (var e in events[1..])
            {
                await InsertDeliveryAsync(subscription, e, "pending", 0, -TimeSpan.FromMinutes(1));
            }
        }

        await InsertDeliveryAsync(busy, events[0], "sending", 1, TimeSpan.FromMinutes(1)); // in flight under a lease

        var turns = await claim.ClaimAsync(4, default);

        // Each one's soonest first, then a second for one of them: never four of one subscription's.
        Assert.Equal(4, turns.Count);
        Assert.Equal(new[] { busy, idle, other }.Order(), turns.Select(c => c.Subscription).Distinct().Order());
        Assert.All(turns, c => Assert.Contains(c.Event.Id, events[1..3]));

        var rest = await claim.ClaimAsync(100, default);

        Assert.Equal(
            new[] { (busy, 2), (idle, 3), (other, 3) }.Order(),
            turns.Concat(rest).GroupBy(c => c.Subscription).Select(g => (g.Key, g.Count())).Order());
        Assert.Empty(await claim.ClaimAsync(100, default));
    }

    [Fact]
    public async Task A_parked_subscription_gets_nothing_a_probing_one_one_and_a_disabled_one_nothing()
    {
        var claim = new DeliveryClaim(Database, new WebhookOptions { AllowInsecureTargets = true, MaxInFlightPerSubscription = 3, BreakAfter = 5 });
        var parked = await SubscribeAsync();
        var probing = await SubscribeAsync();
        var disabled = await SubscribeAsync();
        var events = await PublishAsync(Enumerable.Repeat("slots.slot.created", 4).ToArray());
        foreach (var subscription in new[] { parked, probing, disabled })
        {
            foreach (var e in events)
            {
                await InsertDeliveryAsync(subscription, e, "pending", 1, -TimeSpan.FromMinutes(1));
            }
        }

        await ExecuteAsync("UPDATE webhook_subscriptions SET failures = 7, parks = 1, parked_until = now() + interval '1 minute' WHERE id = $1", parked);
        await ExecuteAsync("UPDATE webhook_subscriptions SET failures = 5, parks = 1, parked_until = now() - interval '1 second' WHERE id = $1", probing);
        await ExecuteAsync("UPDATE webhook_subscriptions SET disabled_at = now() WHERE id = $1", disabled);

        var claimed = await claim.ClaimAsync(100, default);

        Assert.Equal([(probing, events[0])], claimed.Select(c => (c.Subscription, c.Event.Id)));
        Assert.Empty(await claim.ClaimAsync(100, default)); // the probe is in flight
    }
}
