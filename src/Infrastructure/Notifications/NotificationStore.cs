using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Slots.Application.Notifications;
using Slots.Infrastructure.Persistence;
using static Slots.Infrastructure.Notifications.NotificationSql;
using static Slots.Infrastructure.Persistence.DatabaseTimes;

namespace Slots.Infrastructure.Notifications;

/// <summary>The notifications' table as the admins see it (<see cref="INotificationStore"/>); the notifier writes it (<see cref="NotificationQueue"/>).</summary>
internal sealed class NotificationStore(SlotsDbContext db) : INotificationStore
{
    private static readonly string Columns = $$"""
        id AS "Id", event_id AS "EventId", booking_id AS "BookingId", recipient AS "Recipient", kind AS "Kind",
        status AS "Status", attempts AS "Attempts", created_at AS "CreatedAt",
        CASE WHEN status IN ({{Pending}}, {{Sending}}) THEN next_attempt_at END AS "NextAttemptAt", last_error AS "LastError",
        sent_at AS "SentAt", waitlist_entry_id AS "WaitlistEntryId"
        """;

    private static readonly string ListSql = "SELECT " + Columns + """

        FROM notifications
        WHERE ({0}::text IS NULL OR status = {0}) AND ({1}::timestamptz IS NULL OR (created_at, id) < ({1}, {2}))
        ORDER BY created_at DESC, id DESC
        LIMIT {3}
        """;

    private static readonly string OneSql = "SELECT " + Columns + " FROM notifications WHERE id = {0}";

    /// <summary>
    /// Due now with a new retry window, unless an attempt holds it (sending, its lease not run out): then it is returned
    /// unchanged, to say so.
    /// </summary>
    private static readonly string RetrySql = $$"""
        WITH found AS (
            SELECT id, status = {{Sending}} AND next_attempt_at > now() AS in_flight FROM notifications WHERE id = {0} FOR UPDATE),
        retried AS (
            UPDATE notifications n SET status = {{Pending}}, next_attempt_at = now(), retry_from = now(), last_error = NULL
            FROM found WHERE n.id = found.id AND NOT found.in_flight
            RETURNING n.id)
        SELECT found.in_flight AS "Value" FROM found
        """;

    public async Task<List<NotificationResponse>> ListAsync(
        NotificationStatus? status, (DateTime CreatedAt, Guid Id)? after, int take, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQueryRaw<Row>(
            ListSql,
            new NpgsqlParameter("status", NpgsqlDbType.Text) { Value = status is { } s ? ColumnTexts.NotificationStatuses.Text(s) : DBNull.Value },
            new NpgsqlParameter("after", NpgsqlDbType.TimestampTz) { Value = after is { } a ? a.CreatedAt : DBNull.Value },
            new NpgsqlParameter("after_id", NpgsqlDbType.Uuid) { Value = after?.Id ?? Guid.Empty },
            take).ToListAsync(cancellationToken);
        return rows.ConvertAll(r => r.ToResponse());
    }

    public async Task<(NotificationResponse? Notification, bool InFlight)> RetryAsync(Guid id, CancellationToken cancellationToken)
    {
        var found = await db.Database.SqlQueryRaw<bool>(RetrySql, id).ToListAsync(cancellationToken);
        if (found is not [var inFlight])
        {
            return (null, false);
        }

        var row = await db.Database.SqlQueryRaw<Row>(OneSql, id).SingleAsync(cancellationToken);
        return (row.ToResponse(), inFlight);
    }

    private sealed record Row(
        Guid Id, Guid EventId, Guid? BookingId, string Recipient, string Kind, string Status, int Attempts, DateTime CreatedAt,
        DateTime? NextAttemptAt, string? LastError, DateTime? SentAt, Guid? WaitlistEntryId)
    {
        public NotificationResponse ToResponse() => new(
            Id, EventId, BookingId, ColumnTexts.NotificationRecipients.Parse(Recipient), ColumnTexts.NotificationKinds.Parse(Kind),
            ColumnTexts.NotificationStatuses.Parse(Status), Attempts, Utc(CreatedAt), Utc(NextAttemptAt), LastError, Utc(SentAt),
            WaitlistEntryId);
    }
}
