using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Slots.Application.Webhooks;
using Slots.Infrastructure.Events;
using Slots.Infrastructure.Persistence;
using static Slots.Infrastructure.Webhooks.DeliverySql;
using static Slots.Infrastructure.Persistence.DatabaseTimes;
using static Slots.Infrastructure.Persistence.SqlParameters;

namespace Slots.Infrastructure.Webhooks;

internal sealed class WebhookStore(SlotsDbContext db, WebhookSecrets secrets) : IWebhookStore
{
    public void Add(NewWebhook webhook) =>
        db.Set<WebhookSubscription>().Add(new WebhookSubscription(
            webhook.Id, webhook.Url.AbsoluteUri, webhook.Types?.ToArray(), webhook.Description, secrets.Seal(webhook.Secret), webhook.CreatedAt));

    /// <summary>
    /// Every subscription with how its deliveries stand: the open ones counted through the due index (a day of retries
    /// at most), the given-up ones from the subscription's own counter, so a million failed deliveries cost the list
    /// nothing.
    /// </summary>
    private static readonly string ListSql = $"""
        SELECT s.id AS "Id", s.url AS "Url", s.types AS "Types", s.description AS "Description", s.created_at AS "CreatedAt",
               o.pending AS "Pending", o.retrying AS "Retrying", s.failed_count AS "Failed",
               s.last_error AS "LastError", s.last_failure_at AS "LastFailureAt",
               s.failing_since AS "FailingSince", CASE WHEN s.parked_until > now() THEN s.parked_until END AS "ParkedUntil",
               s.disabled_at AS "DisabledAt"
        FROM webhook_subscriptions s
        CROSS JOIN LATERAL (
            SELECT count(*)::int AS pending, count(*) FILTER (WHERE d.last_error IS NOT NULL)::int AS retrying
            FROM webhook_deliveries d WHERE d.subscription_id = s.id AND d.status IN ({Open})) o
        ORDER BY s.created_at, s.id
        """;

    /// <summary>
    /// The delivery's status, and whether it is being sent right now: claimed, its claim not run out (locked for the
    /// replay). None when its event is past the retention (there is nothing left to send) or its subscription is deleted.
    /// </summary>
    private static readonly string InFlightSql = $$"""
        SELECT d.status AS "Status", (d.status = {{Sending}} AND d.next_attempt_at > now()) AS "InFlight"
        FROM webhook_deliveries d JOIN events e ON e.id = d.event_id JOIN webhook_subscriptions s ON s.id = d.subscription_id
        WHERE d.event_id = {0} AND d.subscription_id = {1}
        FOR UPDATE OF d
        """;

    /// <summary>Due now; one delivered or given up starts a new window of retries, and one given up leaves the count.</summary>
    private static readonly string ReplaySql = $$"""
        WITH replayed AS (
            UPDATE webhook_deliveries
            SET status = {{Pending}}, next_attempt_at = now(),
                retry_from = CASE WHEN status IN ({{Delivered}}, {{Failed}}) THEN now() ELSE retry_from END
            WHERE event_id = {0} AND subscription_id = {1})
        UPDATE webhook_subscriptions SET failed_count = greatest(0, failed_count - 1) WHERE id = {1} AND {2}
        """;

    /// <summary>The subscription goes now; its deliveries are deleted in batches in the background (DeliverySweeper).</summary>
    private const string DeleteSql = """
        WITH gone AS (DELETE FROM webhook_subscriptions WHERE id = {0} RETURNING id)
        INSERT INTO webhook_deletions (subscription_id) SELECT id FROM gone
        """;

    public async Task<IReadOnlyList<WebhookResponse>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQueryRaw<SubscriptionRow>(ListSql).ToListAsync(cancellationToken);
        return rows.ConvertAll(r => new WebhookResponse(
            r.Id, r.Url, r.Types, r.Description, Utc(r.CreatedAt),
            new WebhookHealth(
                r.DisabledAt is not null ? WebhookHealthStatus.Disabled
                    : r.Failed > 0 ? WebhookHealthStatus.Failing
                    : r.Retrying > 0 ? WebhookHealthStatus.Retrying
                    : WebhookHealthStatus.Healthy,
                r.Pending, r.Retrying, r.Failed, r.LastError, Utc(r.LastFailureAt), Utc(r.FailingSince), Utc(r.ParkedUntil),
                Utc(r.DisabledAt))));
    }

    /// <summary>Enabled, its breaker closed: as if its last attempt had been delivered.</summary>
    private const string EnableSql = """
        UPDATE webhook_subscriptions SET disabled_at = NULL, failures = 0, parks = 0, parked_until = NULL, failing_since = NULL
        WHERE id = {0}
        """;

    /// <summary>A parked subscription's park ends now, so that the replayed delivery probes it at once.</summary>
    private const string UnparkSql = "UPDATE webhook_subscriptions SET parked_until = now() WHERE id = {0} AND parked_until > now()";

    /// <summary>The current secret becomes the previous one (when kept), the new one current; both sealed.</summary>
    private const string RotateSql = """
        UPDATE webhook_subscriptions
        SET previous_secret = CASE WHEN {2} > interval '0' THEN secret END,
            previous_secret_until = CASE WHEN {2} > interval '0' THEN now() + {2} END,
            secret = {1}
        WHERE id = {0}
        RETURNING previous_secret_until AS "Value"
        """;

    public async Task<(bool Found, DateTime? PreviousUntil)> RotateSecretAsync(
        Guid id, string secret, TimeSpan keepPrevious, CancellationToken cancellationToken)
    {
        var rotated = await db.Database.SqlQueryRaw<DateTime?>(RotateSql, id, secrets.Seal(secret), keepPrevious).ToListAsync(cancellationToken);
        return rotated is [var until] ? (true, Utc(until)) : (false, null);
    }

    public async Task<bool> EnableAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(EnableSql, [id], cancellationToken) > 0;

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(DeleteSql, [id], cancellationToken) > 0;

    public Task<bool> ExistsAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<WebhookSubscription>().AnyAsync(s => s.Id == id, cancellationToken);

    public async Task<List<WebhookDeliveryResponse>> ListDeliveriesAsync(
        Guid subscriptionId, DeliveryStatus? status, Guid? before, int take, CancellationToken cancellationToken)
    {
        var statusText = status is { } s ? ColumnTexts.DeliveryStatuses.Text(s) : null;
        var rows = await db.Database.SqlQueryRaw<DeliveryRow>(
            "SELECT " + DeliveryColumns + """

            FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
            WHERE d.subscription_id = {0} AND ({1}::uuid IS NULL OR d.event_id < {1}) AND ({2}::text IS NULL OR d.status = {2})
            ORDER BY d.event_id DESC
            LIMIT {3}
            """,
            subscriptionId,
            new NpgsqlParameter("before", NpgsqlDbType.Uuid) { Value = (object?)before ?? DBNull.Value },
            NullableText("status", statusText),
            take).ToListAsync(cancellationToken);
        return rows.ConvertAll(r => r.ToResponse());
    }

    public async Task<(RetryOutcome Outcome, WebhookDeliveryResponse? Delivery)> RetryAsync(
        Guid subscriptionId, Guid deliveryId, CancellationToken cancellationToken)
    {
        // A disabled subscription is sent nothing; a delivery being sent (claimed, its claim not yet run out) is left to its
        // dispatcher; any other is due now. One delivered or given up starts a new window of retries.
        if (await db.Set<WebhookSubscription>().AnyAsync(s => s.Id == subscriptionId && s.DisabledAt != null, cancellationToken))
        {
            return (RetryOutcome.Disabled, null);
        }

        var found = await db.Database.SqlQueryRaw<DeliveryState>(InFlightSql, deliveryId, subscriptionId).ToListAsync(cancellationToken);
        if (found is not [var state])
        {
            return (RetryOutcome.NotFound, null);
        }

        if (state.InFlight)
        {
            return (RetryOutcome.InFlight, null);
        }

        await db.Database.ExecuteSqlRawAsync(
            ReplaySql, [deliveryId, subscriptionId, state.Status == ColumnTexts.DeliveryStatuses.Text(DeliveryStatus.Failed)], cancellationToken);
        await db.Database.ExecuteSqlRawAsync(UnparkSql, [subscriptionId], cancellationToken);
        var row = await db.Database.SqlQueryRaw<DeliveryRow>(
            "SELECT " + DeliveryColumns + " FROM webhook_deliveries d JOIN events e ON e.id = d.event_id WHERE d.event_id = {0} AND d.subscription_id = {1}",
            deliveryId, subscriptionId)
            .SingleAsync(cancellationToken);
        return (RetryOutcome.Scheduled, row.ToResponse());
    }

    private const string DeliveryColumns = """
        d.event_id AS "Id", e.type AS "EventType", e.tx::text AS "Tx", e.seq AS "EventSeq",
        d.status AS "Status", d.attempts AS "Attempts", d.created_at AS "CreatedAt", d.last_attempt_at AS "LastAttemptAt",
        d.last_status_code AS "LastStatusCode", d.last_error AS "LastError", d.next_attempt_at AS "NextAttemptAt",
        d.delivered_at AS "DeliveredAt"
        """;

    private sealed record DeliveryState(string Status, bool InFlight);

    private sealed record SubscriptionRow(
        Guid Id, string Url, string[]? Types, string? Description, DateTime CreatedAt, int Pending, int Retrying, int Failed,
        string? LastError, DateTime? LastFailureAt, DateTime? FailingSince, DateTime? ParkedUntil, DateTime? DisabledAt);

    private sealed record DeliveryRow(
        Guid Id, string EventType, string Tx, long EventSeq, string Status, int Attempts, DateTime CreatedAt,
        DateTime? LastAttemptAt, int? LastStatusCode, string? LastError, DateTime? NextAttemptAt, DateTime? DeliveredAt)
    {
        public WebhookDeliveryResponse ToResponse() => new(
            Id, EventType,
            EventFeed.Position(Tx, EventSeq).ToString(),
            ColumnTexts.DeliveryStatuses.Parse(Status), Attempts, Utc(CreatedAt), Utc(LastAttemptAt), LastStatusCode, LastError,
            Utc(NextAttemptAt), Utc(DeliveredAt));
    }
}
