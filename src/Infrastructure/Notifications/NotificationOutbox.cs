using Npgsql;
using Slots.Application.Notifications;
using Booking = Slots.Domain.Slots.Booking;
using Slot = Slots.Domain.Slots.Slot;
using Slots.Infrastructure.Persistence;
using static Slots.Infrastructure.Notifications.NotificationSql;

namespace Slots.Infrastructure.Notifications;

/// <summary>
/// Writes the notifications a change makes in its own transaction (a booking's reminders, a cancellation's notices, a
/// move of the reminders) behind its changes, before its COMMIT (<see cref="CommandRoundTrips.SendWithChanges"/>): one
/// more statement in the round trip the command makes anyway. The table is outside the EF model (see
/// <see cref="NotificationQueue"/>), hence SQL.
/// </summary>
internal sealed class NotificationOutbox(SlotsDbContext db, MailOptions options, ReminderSchedule reminders) : INotificationOutbox
{
    /// <summary>The reminders <c>@notify_before</c> before the start <c>@notify_starts</c>, each due at its moment.</summary>
    private static readonly string RemindersSql = $"""
        INSERT INTO notifications (event_id, booking_id, recipient, kind, remind_before, next_attempt_at, retry_from, customer_id)
        SELECT @notify_event, @notify_booking, {Customer}, {Reminder}, o.before, @notify_starts - o.before, @notify_starts - o.before,
               @notify_customer
        FROM unnest(@notify_before::interval[]) o (before)
        """;

    /// <summary>A cancelled booking's reminders, not yet sent, dropped.</summary>
    internal static readonly string SkipRemindersSql = $"""
        UPDATE notifications SET status = {Skipped}
        WHERE booking_id = @notify_booking AND kind = {Reminder} AND status = {Pending}
        """;

    /// <summary>
    /// The cancellation's notices to both sides, each with the booking as it now stands (the batch's update before it
    /// included): the copy is what is mailed once the booking is gone. Its reminders are dropped.
    /// </summary>
    private static readonly string CancelledSql = $"""
        INSERT INTO notifications (event_id, booking_id, recipient, kind, customer_id, snapshot)
        SELECT @notify_event, k.id, r.recipient, {NotificationSql.Cancelled}, k.customer_id, json_build_object(
                   'customerEmail', k.customer_email, 'customerName', k.customer_name, 'customerTimezone', k.customer_timezone,
                   'cancelledAt', k.cancelled_at, 'cancelledBy', k.cancelled_by, 'cancellationReason', k.cancellation_reason,
                   'sequence', k.sequence, 'specialistEmail', s.specialist_email, 'startsAt', s.starts_at,
                   'endsAt', s.ends_at, 'date', s.date, 'startTime', s.start_time, 'endTime', s.end_time,
                   'timezone', s.timezone, 'serviceId', s.service_id)
        FROM bookings k JOIN slots s ON s.id = k.slot_id CROSS JOIN (VALUES ({Customer}), ({Specialist})) r (recipient)
        WHERE k.id = @notify_booking;
        {SkipRemindersSql}
        """;

    /// <summary>
    /// The reminders of the slot's live bookings, due again at their moment before its new start <c>@notify_starts</c>
    /// (one already sent for the old times is sent again for the new); those whose moment has passed stay as they were.
    /// </summary>
    internal static readonly string MovedSql = $"""
        UPDATE notifications n
        SET status = {Pending}, next_attempt_at = @notify_starts - n.remind_before, retry_from = @notify_starts - n.remind_before
        FROM bookings k
        WHERE k.slot_id = @notify_slot AND k.cancelled_at IS NULL AND n.booking_id = k.id AND n.kind = {Reminder}
          AND n.status IN ({Pending}, {Sent}) AND @notify_starts - n.remind_before > @notify_now
        """;

    /// <summary>
    /// A moved booking's reminders, due at their moment before its new slot's start <c>@notify_starts</c>: pending ones, and
    /// one already sent for the old times whose new moment is still ahead; a pending one whose new moment has passed is
    /// skipped, never sent after the session it announces.
    /// </summary>
    internal static readonly string MovedBookingSql = $"""
        UPDATE notifications n
        SET status = CASE WHEN @notify_starts - n.remind_before > @notify_now THEN {Pending} ELSE {Skipped} END,
            next_attempt_at = @notify_starts - n.remind_before, retry_from = @notify_starts - n.remind_before
        WHERE n.booking_id = @notify_booking AND n.kind = {Reminder}
          AND (n.status = {Pending} OR (n.status = {Sent} AND @notify_starts - n.remind_before > @notify_now))
        """;

    public void Booked(Guid eventId, Booking booking, Slot slot)
    {
        // None whose moment had passed when it was booked.
        var before = reminders.Before.Where(o => slot.StartsAt - o > booking.BookedAt).ToArray();
        if (!options.Enabled || before.Length == 0)
        {
            return;
        }

        db.RoundTrips.SendWithChanges(new CommandRoundTrips.Statement(RemindersSql, [
            new NpgsqlParameter<Guid>("notify_event", eventId),
            new NpgsqlParameter<Guid>("notify_booking", booking.Id),
            new NpgsqlParameter<DateTime>("notify_starts", slot.StartsAt),
            new NpgsqlParameter<string>("notify_customer", booking.CustomerId),
            new NpgsqlParameter<TimeSpan[]>("notify_before", before),
        ]));
    }

    public void Moved(Slot slot, DateTimeOffset now)
    {
        if (!options.Enabled || !slot.HasLiveBookings)
        {
            return;
        }

        db.RoundTrips.SendWithChanges(new CommandRoundTrips.Statement(MovedSql, [
            new NpgsqlParameter<Guid>("notify_slot", slot.Id),
            new NpgsqlParameter<DateTime>("notify_starts", slot.StartsAt),
            new NpgsqlParameter<DateTimeOffset>("notify_now", now),
        ]));
    }

    public void MovedBooking(Booking booking, Slot slot, DateTimeOffset now)
    {
        if (!options.Enabled)
        {
            return;
        }

        db.RoundTrips.SendWithChanges(new CommandRoundTrips.Statement(MovedBookingSql, [
            new NpgsqlParameter<Guid>("notify_booking", booking.Id),
            new NpgsqlParameter<DateTime>("notify_starts", slot.StartsAt),
            new NpgsqlParameter<DateTimeOffset>("notify_now", now),
        ]));
    }

    public void Cancelled(Guid eventId, Booking booking)
    {
        if (!options.Enabled)
        {
            return;
        }

        db.RoundTrips.SendWithChanges(new CommandRoundTrips.Statement(CancelledSql, [
            new NpgsqlParameter<Guid>("notify_event", eventId),
            new NpgsqlParameter<Guid>("notify_booking", booking.Id),
        ]));
    }
}
