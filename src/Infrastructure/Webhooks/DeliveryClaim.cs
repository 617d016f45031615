using Npgsql;
using static Slots.Infrastructure.Webhooks.DeliverySql;

namespace Slots.Infrastructure.Webhooks;

/// <summary>
/// Claims the deliveries that are due: pending ones whose time has come, and ones still "sending" whose lease ran out
/// (their process died mid-send). Taken with <c>FOR UPDATE SKIP LOCKED</c>, so processes claiming at once take different
/// ones; a claim raises the attempt number and holds the delivery for <see cref="WebhookOptions.ClaimLease"/>.
/// </summary>
internal sealed class DeliveryClaim(WebhookDatabase database, WebhookOptions options)
{
    /// <summary>Claim up to <c>$1</c> due deliveries, the soonest due first, with the lease <c>$2</c>.</summary>
    internal static readonly string Sql = $"""
        WITH due AS (
            SELECT subscription_id, event_id FROM webhook_deliveries
            WHERE status IN ({Open}) AND next_attempt_at <= now()
            ORDER BY next_attempt_at, event_id
            LIMIT $1
            FOR UPDATE SKIP LOCKED)
        UPDATE webhook_deliveries d
        SET status = {Sending}, attempts = d.attempts + 1, last_attempt_at = now(), next_attempt_at = now() + $2
        FROM due, webhook_subscriptions s, events e
        WHERE d.subscription_id = due.subscription_id AND d.event_id = due.event_id AND s.id = d.subscription_id AND e.id = d.event_id
        RETURNING d.subscription_id, d.attempts, now(), s.url, s.secret, e.id, e.type, e.subject, e.time, e.tx::text, e.seq, e.data::text
        """;

    public async Task<List<ClaimedDelivery>> ClaimAsync(int take, CancellationToken cancellationToken)
    {
        await using var command = database.Source.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = take });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.ClaimLease });
        var claimed = new List<ClaimedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(ClaimedDelivery.Read(reader, 0));
        }

        return claimed;
    }
}
