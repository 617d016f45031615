using Npgsql;
using NpgsqlTypes;
using Slots.Infrastructure.Persistence;

namespace Slots.Infrastructure.Import;

/// <summary>Writes imported slots and their bookings by binary <c>COPY</c>, inside the caller's transaction.</summary>
internal static class SlotCopy
{
    public static async Task CopyAsync(NpgsqlConnection connection, List<LegacySlot> slots, CancellationToken cancellationToken)
    {
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY slots (id, legacy_id, specialist_issuer, specialist_id, specialist_email, service_id, date, start_time, end_time, "
            + "timezone, starts_at, ends_at, duration_minutes, total_capacity, booked_count, status, created_at, updated_at, version) "
            + "FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var s in slots.Select(s => s.Slot))
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(s.Id, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(s.LegacyId!, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(s.SpecialistIssuer, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(s.SpecialistId, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(s.SpecialistEmail, NpgsqlDbType.Varchar, cancellationToken);
                if (s.ServiceId is null)
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await writer.WriteAsync(s.ServiceId, NpgsqlDbType.Varchar, cancellationToken);
                }

                await writer.WriteAsync(s.Date, NpgsqlDbType.Date, cancellationToken);
                await writer.WriteAsync(s.StartTime, NpgsqlDbType.Time, cancellationToken);
                await writer.WriteAsync(s.EndTime, NpgsqlDbType.Time, cancellationToken);
                await writer.WriteAsync(s.Timezone, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(s.StartsAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(s.EndsAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(s.DurationMinutes, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(s.TotalCapacity, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(s.BookedCount, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(ColumnTexts.SlotStatuses.Text(s.Status), NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(s.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(s.UpdatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(s.Version, NpgsqlDbType.Integer, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
            """
            COPY bookings (id, slot_id, customer_id, customer_email, customer_name, booked_at, cancellable_until, reschedulable_until,
                           policy_booking_notice_minutes, policy_cancel_notice_minutes, policy_cancellation_reason)
            FROM STDIN (FORMAT BINARY)
            """,
            cancellationToken))
        {
            foreach (var b in slots.SelectMany(s => s.Slot.Bookings))
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(b.Id, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(b.SlotId, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(b.CustomerId, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(b.CustomerEmail, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(b.CustomerName, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(b.BookedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(b.CancellableUntil, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(b.ReschedulableUntil, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(b.Policy.BookingNoticeMinutes, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(b.Policy.CancelNoticeMinutes, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(ColumnTexts.ReasonRules.Text(b.Policy.CancellationReason), NpgsqlDbType.Varchar, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }
    }
}
