using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Slots.Infrastructure.Persistence;
using static Slots.Infrastructure.Webhooks.DeliverySql;

namespace Slots.Infrastructure.Webhooks;

/// <summary>
/// Forgets the deliveries that were delivered once their event is older than <see cref="WebhookOptions.KeepDeliveredFor"/>
/// (7 days unless configured), so that <c>webhook_deliveries</c> holds about that much traffic rather than all of it.
/// Failed deliveries stay, for a replay, until their subscription is deleted; pending and sending ones are never touched.
/// </summary>
/// <remarks>
/// The age is read from the event id, a version 7 UUID that begins with its time in milliseconds, so each subscription's
/// old deliveries are a range of the key's index rather than a scan of the table (no index on <c>delivered_at</c>, which
/// every delivery would pay for). A sweep deletes them subscription by subscription, in batches of <see cref="Batch"/>,
/// so that a first sweep over months of deliveries holds no lock for long. Each batch is one range of the key, bounded
/// by an uncorrelated subquery that runs once, so there is no join for the planner to get wrong (the form with a join
/// once ran past the statement timeout: docs/performance.md). A delivery an admin replays while the sweep runs is no
/// longer <c>delivered</c> when the delete rechecks it, so it is sent, not forgotten.
/// </remarks>
internal sealed class DeliverySweeper(IServiceScopeFactory scopes, WebhookOptions options, TimeProvider clock, ILogger<DeliverySweeper> logger)
    : PeriodicSweep(clock, logger)
{
    public const int Batch = 10_000;

    /// <summary>The oldest batch of subscription <c>{0}</c>'s deliveries delivered before id <c>{1}</c>: up to the batch's last id.</summary>
    private static readonly string SweepSql = $$"""
        DELETE FROM webhook_deliveries
        WHERE subscription_id = {0} AND status = {{Delivered}} AND event_id < {1}
          AND event_id <= (SELECT event_id FROM (
              SELECT event_id FROM webhook_deliveries
              WHERE subscription_id = {0} AND status = {{Delivered}} AND event_id < {1}
              ORDER BY event_id LIMIT {2}) batch ORDER BY event_id DESC LIMIT 1)
        """;

    protected override string Swept => "delivered webhook deliveries";

    public override async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlotsDbContext>();
        var before = FirstIdAt(Clock.GetUtcNow() - options.KeepDeliveredFor);
        var subscriptions = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM webhook_subscriptions").ToListAsync(cancellationToken);
        var total = 0;
        foreach (var subscription in subscriptions)
        {
            int swept;
            do
            {
                swept = await db.Database.ExecuteSqlRawAsync(SweepSql, [subscription, before, Batch], cancellationToken);
                total += swept;
            }
            while (swept == Batch);
        }

        return total;
    }

    /// <summary>The smallest version 7 UUID of <paramref name="moment"/>'s millisecond: every id made earlier sorts below it.</summary>
    internal static Guid FirstIdAt(DateTimeOffset moment)
    {
        var milliseconds = Math.Max(0, moment.ToUnixTimeMilliseconds()).ToString("x12", System.Globalization.CultureInfo.InvariantCulture);
        return Guid.Parse($"{milliseconds[..8]}-{milliseconds[8..]}-7000-8000-000000000000");
    }
}
