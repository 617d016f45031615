using Npgsql;
using Slots.Infrastructure.Events;
using static Slots.Infrastructure.Webhooks.DeliverySql;

namespace Slots.Infrastructure.Webhooks;

/// <summary>
/// Makes the deliveries of new events, one process at a time: the cursor row is taken with <c>FOR UPDATE SKIP LOCKED</c>,
/// so a process that finds it taken moves on to its claim. The events after the cursor are read in feed order, as the feed
/// reads them (only transactions older than every running one, so none committed late is skipped); each subscription that
/// wants an event gets a delivery, the first ones already claimed by this process (no more for each subscription than its
/// room, as in <see cref="DeliveryClaim"/>); the cursor moves. One statement. A disabled subscription gets none: its events
/// stay in the feed.
/// </summary>
internal sealed class WebhookFanOut(WebhookDatabase database, WebhookOptions options)
{
    /// <summary>Events read per statement at most.</summary>
    public const int Batch = 1000;

    /// <summary>
    /// Lock the cursor, read up to <c>$1</c> events after it from transactions no longer in flight, make their deliveries
    /// for the subscriptions not disabled (the first <c>$2</c> claimed with the lease <c>$3</c>, each subscription's within
    /// its room: the cap <c>$4</c>, probing after <c>$5</c> failures), move the cursor, and return the claimed ones with
    /// their subscription and event (the columns <see cref="ClaimedDelivery.Read"/> takes, after the count of events read).
    /// </summary>
    /// <remarks>
    /// The events are read as <see cref="FeedCursor.Batch"/> reads them: LATERAL to the cursor named by its key. Without
    /// either, the statement read every event before the cursor on every poll, or cost enough to be JIT-compiled each time
    /// (QueryPlanTests; the measurements are in docs/performance.md).
    /// </remarks>
    internal static readonly string Sql = $"""
        WITH {FeedCursor.Batch("webhook_fanout", "$1")},
        wanted AS (
            SELECT s.id AS subscription, b.id AS event, b.tx, b.seq,
                   row_number() OVER (PARTITION BY s.id ORDER BY b.tx, b.seq) <= s.room AS fits
            FROM batch b JOIN ({Rooms("$4", "$5")}) s ON b.tx >= s.start_tx AND (s.types IS NULL OR b.type = ANY (s.types))),
        made AS (
            INSERT INTO webhook_deliveries (subscription_id, event_id, status, attempts, last_attempt_at, next_attempt_at)
            SELECT subscription, event, CASE WHEN claim THEN {Sending} ELSE {Pending} END, CASE WHEN claim THEN 1 ELSE 0 END,
                   CASE WHEN claim THEN now() END, CASE WHEN claim THEN now() + $3 ELSE now() END
            FROM (
                SELECT subscription, event,
                       fits AND count(*) FILTER (WHERE fits) OVER (ORDER BY tx, seq, subscription ROWS UNBOUNDED PRECEDING) <= $2 AS claim
                FROM wanted) numbered
            ON CONFLICT DO NOTHING
            RETURNING subscription_id, event_id, attempts, status),
        {FeedCursor.Move("webhook_fanout")}
        SELECT (SELECT count(*)::int FROM batch), m.subscription_id, m.attempts, now(), s.url, {Secrets},
               b.id, b.type, b.subject, b.time, b.tx::text, b.seq, b.data::text
        FROM (SELECT 1) one
        LEFT JOIN (made m JOIN webhook_subscriptions s ON s.id = m.subscription_id JOIN batch b ON b.id = m.event_id)
            ON m.status = {Sending}
        ORDER BY b.tx, b.seq
        """;

    /// <summary>
    /// Up to <see cref="Batch"/> events after the cursor become deliveries: the first <paramref name="claim"/> claimed by
    /// this process, the rest due at once for any process to claim. Returns how many events were read (0 when another
    /// process holds the cursor) and the deliveries claimed. Many events may be for no subscription at all: a batch as
    /// small as the room to send would crawl past them.
    /// </summary>
    public async Task<(int Events, List<ClaimedDelivery> Claimed)> RunAsync(int claim, CancellationToken cancellationToken)
    {
        await using var command = database.Source.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Batch });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = claim });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.ClaimLease });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = options.MaxInFlightPerSubscription });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = options.BreakAfter });
        var events = 0;
        var claimed = new List<ClaimedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events = reader.GetInt32(0);
            if (!reader.IsDBNull(1))
            {
                claimed.Add(ClaimedDelivery.Read(reader, 1));
            }
        }

        return (events, claimed);
    }
}
