using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Infrastructure.Webhooks;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// Delivered deliveries are forgotten once their event is older than <see cref="WebhookOptions.KeepDeliveredFor"/> (a
/// week), failed ones once it is older than <see cref="WebhookOptions.KeepFailedFor"/> (two weeks; the subscription's count
/// of them follows), younger ones stay; a deleted subscription's deliveries go in the background, in batches. The subscriptions here take no real event type, so the
/// dispatcher never adds to them.
/// </summary>
[Collection(ApiCollection.Name)]
public class DeliverySweeperTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    private static readonly TimeSpan Week = new WebhookOptions().KeepDeliveredFor;
    private static readonly TimeSpan TwoWeeks = new WebhookOptions().KeepFailedFor;

    [Fact]
    public async Task Delivered_deliveries_older_than_a_week_and_failed_ones_older_than_two_are_forgotten_and_younger_ones_kept()
    {
        var now = Factory.Clock.GetUtcNow();
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var deliveries = new (Guid Subscription, TimeSpan Age, string Status, bool Kept)[]
        {
            (first, TimeSpan.FromDays(8), "delivered", false),
            (first, Week + TimeSpan.FromSeconds(1), "delivered", false),
            (first, Week - TimeSpan.FromMinutes(1), "delivered", true),
            (first, TimeSpan.FromHours(1), "delivered", true),
            (first, TimeSpan.FromDays(10), "failed", true),
            (first, TwoWeeks + TimeSpan.FromSeconds(1), "failed", false),
            (first, TimeSpan.FromDays(30), "failed", false),
            (first, TimeSpan.FromDays(30), "pending", true),
            (second, TimeSpan.FromDays(8), "delivered", false),
        };
        var events = deliveries.Select(d => Guid.CreateVersion7(now - d.Age)).ToArray();
        await SubscribeAsync(first, second);
        try
        {
            for (var i = 0; i < deliveries.Length; i++)
            {
                await Factory.ExecuteAsync(
                    "INSERT INTO webhook_deliveries (subscription_id, event_id, status, attempts) VALUES ($1, $2, $3, 1)",
                    deliveries[i].Subscription, events[i], deliveries[i].Status);
            }

            await Factory.ExecuteAsync("UPDATE webhook_subscriptions SET failed_count = 3 WHERE id = $1", first);

            var swept = await Factory.Services.GetRequiredService<DeliverySweeper>().SweepAsync(default);

            Assert.Equal(
                events.Where((_, i) => deliveries[i].Kept).Order(),
                (await LeftAsync(first, second)).Order());
            Assert.True(swept >= 5, $"{swept} swept");
            Assert.Equal(1, await Factory.ScalarAsync<int>("SELECT failed_count FROM webhook_subscriptions WHERE id = $1", first));
        }
        finally
        {
            await ForgetAsync(first, second);
        }
    }

    /// <summary>A sweep goes on batch after batch until nothing old is left, so a first sweep over months of deliveries ends clean.</summary>
    [Fact]
    public async Task One_sweep_forgets_more_than_a_batch()
    {
        var subscription = Guid.NewGuid();
        var old = (Factory.Clock.GetUtcNow() - TimeSpan.FromDays(10)).ToUnixTimeMilliseconds();
        await SubscribeAsync(subscription);
        try
        {
            // Version 7 ids of ten days ago, one per row.
            await Factory.ExecuteAsync(
                """
                INSERT INTO webhook_deliveries (subscription_id, event_id, status, attempts)
                SELECT $1, (lpad(to_hex($2::bigint), 12, '0') || '7000' || '8' || lpad(to_hex(i), 15, '0'))::uuid, 'delivered', 1
                FROM generate_series(1, $3) i
                """,
                subscription, old, DeliverySweeper.Batch + 5);

            var swept = await Factory.Services.GetRequiredService<DeliverySweeper>().SweepAsync(default);

            Assert.True(swept >= DeliverySweeper.Batch + 5, $"{swept} swept");
            Assert.Empty(await LeftAsync(subscription));
        }
        finally
        {
            await ForgetAsync(subscription);
        }
    }

    /// <summary>
    /// Deleting a subscription with more than a batch of deliveries answers at once and leaves them to the sweep, which
    /// deletes every one of them, whatever its status and age, and then the tombstone.
    /// </summary>
    [Fact]
    public async Task A_deleted_subscriptions_deliveries_go_in_batches_in_the_background()
    {
        var subscription = Guid.NewGuid();
        await SubscribeAsync(subscription);
        await Factory.ExecuteAsync(
            """
            INSERT INTO webhook_deliveries (subscription_id, event_id, status, attempts)
            SELECT $1, gen_random_uuid(), (ARRAY['pending', 'failed', 'delivered'])[1 + i % 3], 1 FROM generate_series(1, $2) i
            """,
            subscription, DeliverySweeper.Batch + 5);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/webhooks/{subscription}")).StatusCode);
        Assert.Equal(DeliverySweeper.Batch + 5, (await LeftAsync(subscription)).Length);

        var swept = await Factory.Services.GetRequiredService<DeliverySweeper>().SweepAsync(default);

        Assert.True(swept >= DeliverySweeper.Batch + 5, $"{swept} swept");
        Assert.Empty(await LeftAsync(subscription));
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM webhook_deletions WHERE subscription_id = $1", subscription));
    }

    /// <summary>The sweep's bound, compared the way PostgreSQL compares uuids: above every id of the millisecond before, below every id of its own.</summary>
    [Fact]
    public async Task The_bound_sorts_between_the_ids_of_the_millisecond_before_and_its_own()
    {
        var moment = Factory.Clock.GetUtcNow();
        var bound = DeliverySweeper.FirstIdAt(moment);
        var before = Enumerable.Range(0, 200).Select(_ => Guid.CreateVersion7(moment - TimeSpan.FromMilliseconds(1))).ToArray();
        var during = Enumerable.Range(0, 200).Select(_ => Guid.CreateVersion7(moment)).ToArray();

        Assert.True(await Factory.ScalarAsync<bool>("SELECT bool_and(id < $2) FROM unnest($1::uuid[]) id", before, bound));
        Assert.True(await Factory.ScalarAsync<bool>("SELECT bool_and(id >= $2) FROM unnest($1::uuid[]) id", during, bound));
    }

    private async Task SubscribeAsync(params Guid[] subscriptions)
    {
        foreach (var id in subscriptions)
        {
            await Factory.ExecuteAsync(
                "INSERT INTO webhook_subscriptions (id, url, types, secret, created_at) VALUES ($1, 'https://sweep.example/', ARRAY['test.none'], 'whsec_c3dlZXA=', now())",
                id);
        }
    }

    /// <summary>The subscriptions and their deliveries, gone (no foreign key takes the deliveries with them).</summary>
    private async Task ForgetAsync(params Guid[] subscriptions)
    {
        await Factory.ExecuteAsync("DELETE FROM webhook_deliveries WHERE subscription_id = ANY($1)", subscriptions);
        await Factory.ExecuteAsync("DELETE FROM webhook_subscriptions WHERE id = ANY($1)", subscriptions);
    }

    private Task<Guid[]> LeftAsync(params Guid[] subscriptions) =>
        Factory.ScalarAsync<Guid[]>(
            "SELECT coalesce(array_agg(event_id), '{}') FROM webhook_deliveries WHERE subscription_id = ANY($1)", subscriptions);
}
