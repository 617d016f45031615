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
}
