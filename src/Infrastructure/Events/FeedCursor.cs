namespace Slots.Infrastructure.Events;

/// <summary>
/// The statements that follow the outbox with a cursor row of their own (the webhook fan-out, the notifier's fan-out), one
/// process at a time: the pieces they share, so that both read the events exactly as the feed does.
/// </summary>
internal static class FeedCursor
{
    /// <summary>
    /// The CTEs <c>cursor</c> (the one row of <paramref name="table"/>, taken with <c>FOR UPDATE SKIP LOCKED</c>: a process
    /// that finds it taken reads nothing) and <c>batch</c>: up to <paramref name="limit"/> events after it, from
    /// transactions older than every running one (so none committed late is skipped), in feed order. The events are read
    /// LATERAL to the cursor, so that its position bounds the index scan on <c>(tx, seq)</c>, and the cursor is named by its
    /// key, so the planner knows it is one row even in a table never analyzed (docs/performance.md).
    /// </summary>
    public static string Batch(string table, string limit) => $"""
        cursor AS (SELECT tx, seq FROM {table} WHERE id = 1 FOR UPDATE SKIP LOCKED),
        batch AS (
            SELECT e.id, e.type, e.subject, e.time, e.tx, e.seq, e.data
            FROM cursor c CROSS JOIN LATERAL (
                SELECT id, type, subject, time, tx, seq, data FROM events
                WHERE tx < pg_snapshot_xmin(pg_current_snapshot()) AND (tx, seq) > (c.tx, c.seq)
                ORDER BY tx, seq
                LIMIT {limit}) e)
        """;

    /// <summary>The CTE <c>moved</c>: <paramref name="table"/>'s cursor moved to the batch's last event.</summary>
    public static string Move(string table) => $"""
        moved AS (
            UPDATE {table} f SET tx = last.tx, seq = last.seq
            FROM (SELECT tx, seq FROM batch ORDER BY tx DESC, seq DESC LIMIT 1) last)
        """;
}
