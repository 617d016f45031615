using Npgsql;
using static Slots.Infrastructure.Webhooks.DeliverySql;

namespace Slots.Infrastructure.Webhooks;

/// <summary>
/// Claims the deliveries that are due: pending ones whose time has come, and ones still "sending" whose lease ran out
/// (their process died mid-send). Taken with <c>FOR UPDATE SKIP LOCKED</c>, so processes claiming at once take different
/// ones; a claim raises the attempt number and holds the delivery for <see cref="WebhookOptions.ClaimLease"/>. Each
/// subscription gets no more than its room (<see cref="DeliverySql.Rooms"/>), and they take turns: every subscription's
/// soonest due delivery, then every one's second, and so on, so a receiver that hangs or a long backlog cannot take the
/// send slots from the others. A subscription's due deliveries beyond what is claimed are locked until the statement ends,
/// and skipped meanwhile by a claim in another process.
/// </summary>
internal sealed class DeliveryClaim(WebhookDatabase database, WebhookOptions options)
{
    /// <summary>
    /// Claim up to <c>$1</c> due deliveries with the lease <c>$2</c>, taking turns between the subscriptions, each one's
    /// soonest due first and no more than its room (the cap <c>$3</c>, probing after <c>$4</c> failures).
    /// </summary>
    internal static readonly string Sql = $"""
        WITH due AS (
            SELECT d.subscription_id, d.event_id
            FROM (SELECT id, room FROM ({Rooms("$3", "$4")}) rooms WHERE room > 0) r
            CROSS JOIN LATERAL (
                SELECT subscription_id, event_id, next_attempt_at FROM webhook_deliveries
                WHERE subscription_id = r.id AND status IN ({Open}) AND next_attempt_at <= now()
                ORDER BY next_attempt_at, event_id
                LIMIT r.room
                FOR UPDATE SKIP LOCKED) d
            ORDER BY row_number() OVER (PARTITION BY d.subscription_id ORDER BY d.next_attempt_at, d.event_id), random()
            LIMIT $1)
        UPDATE webhook_deliveries d
        SET status = {Sending}, attempts = d.attempts + 1, last_attempt_at = now(), next_attempt_at = now() + $2
        FROM due, webhook_subscriptions s, events e
        WHERE d.subscription_id = due.subscription_id AND d.event_id = due.event_id AND s.id = d.subscription_id AND e.id = d.event_id
        RETURNING d.subscription_id, d.attempts, now(), s.url, {Secrets}, e.id, e.type, e.subject, e.time, e.tx::text, e.seq, e.data::text
        """;

    public async Task<List<ClaimedDelivery>> ClaimAsync(int take, CancellationToken cancellationToken)
    {
        await using var command = database.Source.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = take });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.ClaimLease });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = options.MaxInFlightPerSubscription });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = options.BreakAfter });
        var claimed = new List<ClaimedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(ClaimedDelivery.Read(reader, 0));
        }

        return claimed;
    }
}
