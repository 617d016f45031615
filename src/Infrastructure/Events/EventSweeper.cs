using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Slots.Infrastructure.Persistence;
using Slots.Infrastructure.Webhooks;

namespace Slots.Infrastructure.Events;

/// <summary>
/// Deletes the events older than <see cref="EventOptions.KeepFor"/> (90 days unless configured) from the start of the
/// feed, so that the outbox holds about that much history rather than all of it, and moves the feed's horizon
/// (<c>events_horizon</c>) to the last one deleted: a consumer asking for the events after an older position has missed
/// some, and is told so (410 <c>position_expired</c>) rather than silently skipped past them.
/// </summary>
/// <remarks>
/// The feed is deleted as a prefix, in feed order, in batches of <see cref="Batch"/>: each batch reads the first events
/// through the <c>(tx, seq)</c> index and takes those up to the first one not yet old (its age read from the id, a version 7
/// UUID that begins with its time), so the horizon only ever moves forward and never past an event that is kept. Like the
/// feed, it reads only transactions older than every running one, so a transaction that commits late is never behind the
/// horizon. The webhook deliveries of a deleted event are not sent any more, and cannot be replayed.
/// </remarks>
internal sealed class EventSweeper(IServiceScopeFactory scopes, EventOptions options, TimeProvider clock, ILogger<EventSweeper> logger)
    : PeriodicSweep(clock, logger)
{
    public const int Batch = 10_000;

    /// <summary>Delete the first events, up to <c>{1}</c>, written before id <c>{0}</c>, and move the horizon to the last.</summary>
    private const string SweepSql = """
        WITH head AS (
            SELECT tx, seq, bool_and(id < {0}) OVER (ORDER BY tx, seq) AS old
            FROM events
            WHERE tx < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY tx, seq
            LIMIT {1}),
        last AS (SELECT tx, seq FROM head WHERE old ORDER BY tx DESC, seq DESC LIMIT 1),
        gone AS (DELETE FROM events e USING last WHERE (e.tx, e.seq) <= (last.tx, last.seq) RETURNING 1),
        moved AS (UPDATE events_horizon h SET tx = last.tx, seq = last.seq FROM last WHERE (last.tx, last.seq) > (h.tx, h.seq))
        SELECT count(*)::int AS "Value" FROM gone
        """;

    protected override string Swept => "events past the retention";

    public override async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await SweepAsync(scope.ServiceProvider.GetRequiredService<SlotsDbContext>(), Clock.GetUtcNow() - options.KeepFor, cancellationToken);
    }

    /// <summary>Deletes, batch after batch, the events at the start of the feed written before <paramref name="before"/>.</summary>
    internal static async Task<int> SweepAsync(SlotsDbContext db, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var firstKept = DeliverySweeper.FirstIdAt(before);
        // Read as a list: composing (Single adds a LIMIT around it) would move the DELETE out of the top level.
        return await InBatchesAsync(
            Batch, async () => (await db.Database.SqlQueryRaw<int>(SweepSql, firstKept, Batch).ToListAsync(cancellationToken)).Single());
    }
}
