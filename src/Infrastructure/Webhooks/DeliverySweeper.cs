using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Slots.Infrastructure.Persistence;
using Slots.Application.Webhooks;
using static Slots.Infrastructure.Persistence.SqlParameters;

namespace Slots.Infrastructure.Webhooks;

/// <summary>
/// Forgets old deliveries, so that <c>webhook_deliveries</c> holds about a week or two of traffic rather than all of it:
/// the delivered ones once their event is older than <see cref="WebhookOptions.KeepDeliveredFor"/> (7 days), the ones
/// given up once it is older than <see cref="WebhookOptions.KeepFailedFor"/> (14 days; their subscription's count of them
/// goes down with them), and every delivery of a deleted subscription (<c>webhook_deletions</c>), after which its
/// tombstone goes. Pending and sending ones of a live subscription are never touched.
/// </summary>
/// <remarks>
/// The age is read from the event id, a version 7 UUID that begins with its time in milliseconds, so each subscription's
/// old deliveries are a range of the key's index rather than a scan of the table (no index on <c>delivered_at</c>, which
/// every delivery would pay for). A sweep deletes them subscription by subscription, in batches of <see cref="Batch"/>,
/// so that a first sweep over months of deliveries, or a dead receiver's million, holds no lock for long. Each batch is
/// one range of the key, bounded by an uncorrelated subquery that runs once, so there is no join for the planner to get
/// wrong (the form with a join once ran past the statement timeout: docs/performance.md). A delivery an admin replays
/// while the sweep runs is no longer in the swept status when the delete rechecks it, so it is sent, not forgotten.
/// </remarks>
internal sealed class DeliverySweeper(IServiceScopeFactory scopes, WebhookOptions options, TimeProvider clock, ILogger<DeliverySweeper> logger)
    : PeriodicSweep(clock, logger)
{
    public const int Batch = 10_000;

    /// <summary>
    /// The oldest batch of subscription <c>{0}</c>'s deliveries of status <c>{3}</c> (any, when null) before id <c>{1}</c>:
    /// up to the batch's last id.
    /// </summary>
    private const string SweepSql = """
        DELETE FROM webhook_deliveries
        WHERE subscription_id = {0} AND ({3}::text IS NULL OR status = {3}) AND event_id < {1}
          AND event_id <= (SELECT event_id FROM (
              SELECT event_id FROM webhook_deliveries
              WHERE subscription_id = {0} AND ({3}::text IS NULL OR status = {3}) AND event_id < {1}
              ORDER BY event_id LIMIT {2}) batch ORDER BY event_id DESC LIMIT 1)
        """;

    private const string FailedGoneSql = "UPDATE webhook_subscriptions SET failed_count = greatest(0, failed_count - {1}) WHERE id = {0}";

    /// <summary>After every event id there is: a deleted subscription's deliveries, whatever their age.</summary>
    private static readonly Guid Any = Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff");

    protected override string Swept => "old webhook deliveries";

    public override async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlotsDbContext>();
        var now = Clock.GetUtcNow();
        var (delivered, failed) = (ColumnTexts.DeliveryStatuses.Text(DeliveryStatus.Delivered), ColumnTexts.DeliveryStatuses.Text(DeliveryStatus.Failed));
        var subscriptions = await db.Database.SqlQuery<Guid>($"SELECT id AS \"Value\" FROM webhook_subscriptions").ToListAsync(cancellationToken);
        var total = 0;
        foreach (var subscription in subscriptions)
        {
            total += await SweepAsync(db, subscription, FirstIdAt(now - options.KeepDeliveredFor), delivered, cancellationToken);
            var gaveUp = await SweepAsync(db, subscription, FirstIdAt(now - options.KeepFailedFor), failed, cancellationToken);
            if (gaveUp > 0)
            {
                await db.Database.ExecuteSqlRawAsync(FailedGoneSql, [subscription, gaveUp], cancellationToken);
            }

            total += gaveUp;
        }

        foreach (var deleted in await db.Database.SqlQuery<Guid>($"SELECT subscription_id AS \"Value\" FROM webhook_deletions").ToListAsync(cancellationToken))
        {
            total += await SweepAsync(db, deleted, Any, null, cancellationToken);
            await db.Database.ExecuteSqlAsync($"DELETE FROM webhook_deletions WHERE subscription_id = {deleted}", cancellationToken);
        }

        return total;
    }

    /// <summary>Deletes, batch after batch, the subscription's deliveries of <paramref name="status"/> before id <paramref name="before"/>.</summary>
    private static Task<int> SweepAsync(SlotsDbContext db, Guid subscription, Guid before, string? status, CancellationToken cancellationToken) =>
        InBatchesAsync(Batch, () => db.Database.ExecuteSqlRawAsync(
            SweepSql, [subscription, before, Batch, NullableText("status", status)], cancellationToken));

    /// <summary>The smallest version 7 UUID of <paramref name="moment"/>'s millisecond: every id made earlier sorts below it.</summary>
    internal static Guid FirstIdAt(DateTimeOffset moment)
    {
        var milliseconds = Math.Max(0, moment.ToUnixTimeMilliseconds()).ToString("x12", System.Globalization.CultureInfo.InvariantCulture);
        return Guid.Parse($"{milliseconds[..8]}-{milliseconds[8..]}-7000-8000-000000000000");
    }
}
