using Microsoft.EntityFrameworkCore;
using Slots.Application.Events;
using Slots.Infrastructure.Persistence;

namespace Slots.Infrastructure.Events;

/// <summary>
/// Reads the outbox in feed order, (tx, seq), and only the events of transactions older than the oldest one still
/// running (<c>pg_snapshot_xmin</c> of the statement's snapshot). Every transaction below that line has ended, and
/// every transaction to come gets a larger id, so what the feed shows only ever grows at its end: a transaction that
/// took its id early and commits late holds back the events after it instead of appearing behind a reader's back.
/// Ordering by <c>seq</c> alone would not do: identities are drawn in one order and committed in another. Events past
/// the retention are deleted from the start of the feed (<see cref="EventSweeper"/>).
/// </summary>
internal sealed class EventFeed(SlotsDbContext db, DatabaseCircuit circuit, ReadGate gate) : IEventFeed
{
    public async Task<List<FeedEvent>?> ReadAsync(EventPosition after, int take, CancellationToken cancellationToken)
    {
        var afterTx = after.Tx.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A position before the horizon (the last event the retention deleted) has missed events; the start never has.
        if (after != EventPosition.Start && await SlotReader.WholeRead(db, circuit, gate, ct => db.Database.SqlQuery<bool>($"""
                SELECT (tx, seq) > ({afterTx}::xid8, {after.Seq}) AS "Value" FROM events_horizon
                """).ToListAsync(ct), cancellationToken) is [true])
        {
            return null;
        }

        return await SlotReader.WholeRead(db, circuit, gate, async ct =>
        {
            var rows = await db.Database.SqlQuery<Row>($"""
                SELECT tx::text AS "Tx", seq AS "Seq", id AS "Id", type AS "Type", subject AS "Subject", time AS "Time", data::text AS "Data"
                FROM events
                WHERE tx < pg_snapshot_xmin(pg_current_snapshot()) AND (tx, seq) > ({afterTx}::xid8, {after.Seq})
                ORDER BY tx, seq
                LIMIT {take}
                """).ToListAsync(ct);
            return rows.ConvertAll(r => new FeedEvent(
                r.Id, r.Type, r.Subject, DateTime.SpecifyKind(r.Time, DateTimeKind.Utc),
                Position(r.Tx, r.Seq), r.Data));
        }, cancellationToken);
    }

    /// <summary>A row's position from its columns as read: <c>tx::text</c> (an <c>xid8</c>, which is unsigned) and <c>seq</c>.</summary>
    public static EventPosition Position(string tx, long seq) =>
        new(ulong.Parse(tx, System.Globalization.CultureInfo.InvariantCulture), seq);

    private sealed record Row(string Tx, long Seq, Guid Id, string Type, Guid Subject, DateTime Time, string Data);
}
