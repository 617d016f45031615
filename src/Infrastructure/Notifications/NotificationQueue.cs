using System.Globalization;
using System.Text.Json;
using Npgsql;
using Slots.Application.Notifications;
using Slots.Infrastructure.Customers;
using Slots.Infrastructure.Events;
using Slots.Infrastructure.Persistence;
using static Slots.Infrastructure.Notifications.NotificationSql;
using static Slots.Infrastructure.Persistence.DatabaseTimes;

namespace Slots.Infrastructure.Notifications;

/// <summary>
/// The notifications' table, in three statements.
/// <list type="bullet">
/// <item>The fan-out makes them from the events after its cursor (<see cref="FeedCursor"/>), one process at a time: a
/// booking's creation tells the customer and the specialist, and so does a booking's move to another slot (an update of
/// the same invite); a slot moved to other times tells each customer who held a seat in it then; a freed seat that passed a
/// waiting customer by tells them, with their place and the slot kept with the message (<c>snapshot</c>). One row per (event, booking, recipient, kind, reminder offset), unique, so
/// a fan-out run twice makes each once; an event without a booking id (an older shape) makes none, so the fan-out never
/// stops on one event. A booking's reminders, a cancellation's notices and a move of the reminders are written by the
/// change's own transaction (<see cref="NotificationOutbox"/>). Each row keeps the customer's id, for an erasure.</item>
/// <item>The claim takes due ones with <c>FOR UPDATE SKIP LOCKED</c> under a lease, each with its booking as it stands.</item>
/// <item>The outcomes mark them sent, due again, failed after <see cref="MailOptions.GiveUpAfter"/>, or skipped.</item>
/// </list>
/// </summary>
internal sealed class NotificationQueue(NpgsqlDataSource source, MailOptions options) : IAsyncDisposable
{
    /// <summary>Events read per fan-out at most.</summary>
    public const int Batch = 1000;

    /// <summary>
    /// Lock the cursor, read up to <c>$1</c> events after it, make their notifications, move the cursor. Each event's booking
    /// id is read from its <c>json</c> once, and its booking looked up once: as plain CTEs, inlined, the expression was
    /// evaluated wherever it was used (the filter, each recipient's row, the bookings' index condition), a parse of the
    /// event each time, about a third of the statement (docs/performance.md).
    /// </summary>
    internal static readonly string FanOutSql = $$"""
        WITH {{FeedCursor.Batch("notification_fanout", "$1")}},
        booking_ids AS MATERIALIZED (
            SELECT id, type, data -> 'booking' ->> 'bookingId' AS text
            FROM batch WHERE type IN ('slots.booking.created', 'slots.booking.moved')),
        created AS MATERIALIZED (
            SELECT p.id, p.type, p.booking_id, k.customer_id
            FROM (SELECT id, type, CASE WHEN text ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN text::uuid END AS booking_id
                  FROM booking_ids) p
            LEFT JOIN bookings k ON k.id = p.booking_id
            WHERE p.booking_id IS NOT NULL),
        moves AS (SELECT id, subject, time FROM batch WHERE type = 'slots.slot.changed' AND json_typeof(data -> 'movedFrom') = 'object'),
        skipped AS (
            SELECT b.id AS event_id, w.id AS entry_id, w.customer_id, json_build_object(
                       'customerEmail', w.customer_email, 'customerName', w.customer_name, 'customerTimezone', w.customer_timezone,
                       'cancelledAt', NULL, 'sequence', 0, 'specialistEmail', s.specialist_email, 'startsAt', s.starts_at,
                       'endsAt', s.ends_at, 'date', s.date, 'startTime', s.start_time, 'endTime', s.end_time,
                       'timezone', s.timezone, 'serviceId', s.service_id, 'skipReason', w.skip_reason) AS snapshot
            FROM batch b
            JOIN waitlist_entries w ON b.data ->> 'entryId' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                                   AND w.id = (b.data ->> 'entryId')::uuid
            JOIN slots s ON s.id = w.slot_id
            WHERE b.type = 'slots.waitlist.skipped'),
        told AS (
            INSERT INTO notifications (event_id, waitlist_entry_id, recipient, kind, customer_id, snapshot)
            SELECT event_id, entry_id, {{Customer}}, {{WaitlistSkipped}}, customer_id, snapshot FROM skipped
            ON CONFLICT DO NOTHING
            RETURNING 1),
        wanted AS (
            SELECT c.id AS event_id, c.booking_id, c.customer_id, r.recipient,
                   CASE WHEN c.type = 'slots.booking.moved' THEN {{Rescheduled}} ELSE {{Booked}} END AS kind
            FROM created c CROSS JOIN (VALUES ({{Customer}}), ({{Specialist}})) r (recipient)
            UNION ALL
            SELECT m.id, k.id, k.customer_id, {{Customer}}, {{Rescheduled}}
            FROM moves m JOIN bookings k ON k.slot_id = m.subject AND k.booked_at <= m.time
                                        AND (k.cancelled_at IS NULL OR k.cancelled_at > m.time)),
        made AS (
            INSERT INTO notifications (event_id, booking_id, recipient, kind, customer_id)
            SELECT event_id, booking_id, recipient, kind, customer_id FROM wanted
            ON CONFLICT DO NOTHING
            RETURNING 1),
        {{FeedCursor.Move("notification_fanout")}}
        SELECT (SELECT count(*)::int FROM batch), (SELECT count(*)::int FROM made) + (SELECT count(*)::int FROM told)
        """;

    /// <summary>
    /// Claim up to <c>$1</c> due notifications under the lease <c>$2</c>, each with its booking and slot as they are now.
    /// Due by the database's clock, or by the service's (<c>$3</c>) when that is ahead: a reminder's moment is the service's.
    /// </summary>
    private static readonly string ClaimSql = $"""
        WITH due AS (
            SELECT id, booking_id FROM notifications
            WHERE status IN ({Pending}, {Sending}) AND next_attempt_at <= greatest(now(), $3)
            ORDER BY next_attempt_at
            LIMIT $1
            FOR UPDATE SKIP LOCKED)
        UPDATE notifications n
        SET status = {Sending}, attempts = n.attempts + 1, next_attempt_at = now() + $2
        FROM due LEFT JOIN bookings b ON b.id = due.booking_id
                 LEFT JOIN slots s ON s.id = b.slot_id
        WHERE n.id = due.id
        RETURNING n.id, n.kind, n.recipient, n.attempts, n.created_at, greatest(now(), $3),
                  b.id, b.customer_email, b.customer_name, b.cancelled_at, b.sequence, s.specialist_email,
                  s.starts_at, s.ends_at, s.date, s.start_time, s.end_time, s.timezone, s.service_id,
                  coalesce(n.booking_id, n.waitlist_entry_id), n.snapshot::text, b.customer_timezone, b.cancelled_by,
                  b.cancellation_reason
        """;

    /// <summary>
    /// The outcomes: sent, or due again after its wait, or failed once it has been tried for <c>GiveUpAfter</c>, or skipped;
    /// each only while this claim still holds it.
    /// </summary>
    private static readonly string RecordSql = $"""
        UPDATE notifications n
        SET status = CASE WHEN o.skipped THEN {Skipped}
                          WHEN o.error IS NULL THEN {Sent}
                          WHEN n.retry_from + $5 <= now() THEN {Failed}
                          ELSE {Pending} END,
            sent_at = CASE WHEN o.error IS NULL AND NOT o.skipped THEN now() END,
            last_error = o.error,
            next_attempt_at = now() + o.retry_after
        FROM unnest($1::uuid[], $2::int[], $3::text[], $4::interval[], $6::bool[]) AS o (id, attempt, error, retry_after, skipped)
        WHERE n.id = o.id AND n.attempts = o.attempt AND n.status = {Sending}
        """;

    /// <summary>Makes the notifications of the next events; the events read and the notifications made.</summary>
    public async Task<(int Events, int Made)> FanOutAsync(CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand(FanOutSql);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Batch });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    public async Task<List<ClaimedNotification>> ClaimAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand(ClaimSql);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = options.Batch });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.ClaimLease });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        var claimed = new List<ClaimedNotification>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // The booking as it stands; once it is gone (its slot deleted), as its cancellation left it.
            var booking = !reader.IsDBNull(6) && !reader.IsDBNull(11)
                ? new BookingState(
                    reader.GetGuid(6), reader.GetString(7), reader.GetString(8),
                    reader.IsDBNull(9) ? null : Utc(reader.GetDateTime(9)), reader.GetInt32(10), reader.GetString(11),
                    Utc(reader.GetDateTime(12)), Utc(reader.GetDateTime(13)), reader.GetFieldValue<DateOnly>(14),
                    reader.GetFieldValue<TimeOnly>(15), reader.GetFieldValue<TimeOnly>(16), reader.GetString(17),
                    reader.IsDBNull(18) ? null : reader.GetString(18), reader.IsDBNull(21) ? null : reader.GetString(21),
                    reader.IsDBNull(22) ? null : ColumnTexts.Cancellers.Parse(reader.GetString(22)),
                    reader.IsDBNull(23) ? null : reader.GetString(23))
                : reader.IsDBNull(20) ? null : Snapshot(reader.GetGuid(19), reader.GetString(20));
            if (booking?.CustomerEmail == CustomerData.ErasedEmail)
            {
                booking = null;
            }

            claimed.Add(new ClaimedNotification(
                reader.GetGuid(0), ColumnTexts.NotificationKinds.Parse(reader.GetString(1)),
                ColumnTexts.NotificationRecipients.Parse(reader.GetString(2)), reader.GetInt32(3), Utc(reader.GetDateTime(4)),
                Utc(reader.GetDateTime(5)), booking));
        }

        return claimed;
    }

    public async Task RecordAsync(IReadOnlyList<NotificationOutcome> outcomes, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand(RecordSql);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. outcomes.Select(o => o.Id)] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. outcomes.Select(o => o.Attempt)] });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. outcomes.Select(o => o.Error)] });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan[]> { TypedValue = [.. outcomes.Select(o => o.RetryAfter)] });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.GiveUpAfter });
        command.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = [.. outcomes.Select(o => o.Skipped)] });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The booking as its cancellation left it (<c>notifications.snapshot</c>, written by <c>json_build_object</c> in
    /// <see cref="NotificationOutbox"/>), or a waitlist place as the fan-out kept it (<paramref name="bookingId"/> then the place's id).
    /// </summary>
    private static BookingState Snapshot(Guid bookingId, string json)
    {
        var s = JsonDocument.Parse(json).RootElement;
        string? Text(string name) => s.GetProperty(name).ValueKind == JsonValueKind.Null ? null : s.GetProperty(name).GetString();
        DateTime Instant(string name) => s.GetProperty(name).GetDateTimeOffset().UtcDateTime;
        return new BookingState(
            bookingId, Text("customerEmail")!, Text("customerName")!,
            s.GetProperty("cancelledAt").ValueKind == JsonValueKind.Null ? null : Instant("cancelledAt"),
            s.GetProperty("sequence").GetInt32(), Text("specialistEmail")!, Instant("startsAt"), Instant("endsAt"),
            DateOnly.Parse(Text("date")!, CultureInfo.InvariantCulture), TimeOnly.Parse(Text("startTime")!, CultureInfo.InvariantCulture),
            TimeOnly.Parse(Text("endTime")!, CultureInfo.InvariantCulture), Text("timezone")!, Text("serviceId"),
            Optional("customerTimezone"),
            Optional("cancelledBy") is { } by ? ColumnTexts.Cancellers.Parse(by) : null,
            Optional("cancellationReason"),
            Optional("skipReason"));

        // Snapshots written before a field was kept lack it.
        string? Optional(string name) => s.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    public ValueTask DisposeAsync() => source.DisposeAsync();
}

/// <summary>How sending a notification went: sent (no error), skipped (nothing to send), or an error and the wait before the next attempt.</summary>
internal sealed record NotificationOutcome(Guid Id, int Attempt, string? Error, TimeSpan RetryAfter, bool Skipped);
