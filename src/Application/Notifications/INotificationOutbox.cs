using Slots.Domain.Slots;

namespace Slots.Application.Notifications;

/// <summary>
/// The notifications a booking's own transaction writes, beside its event (<see cref="Events.IEventOutbox"/>), so they
/// exist exactly when the change does: a new booking's reminders, a cancellation's notices to both sides with a copy of
/// the booking (mailed even when the slot is deleted right after), and a moved slot's reminders at their new moments.
/// The notifier makes the rest from the events. Nothing is written while mail is not configured.
/// </summary>
public interface INotificationOutbox
{
    /// <summary>Schedules <paramref name="booking"/>'s reminders before <paramref name="slot"/>'s start, as of event <paramref name="eventId"/>.</summary>
    void Booked(Guid eventId, Booking booking, Slot slot);

    /// <summary>Writes the notices of <paramref name="booking"/>'s cancellation (event <paramref name="eventId"/>) and drops its reminders.</summary>
    void Cancelled(Guid eventId, Booking booking);

    /// <summary>Moves the reminders of <paramref name="slot"/>'s live bookings to its new start, those whose moment is still ahead at <paramref name="now"/>.</summary>
    void Moved(Slot slot, DateTimeOffset now);

    /// <summary>Moves <paramref name="booking"/>'s reminders to the start of <paramref name="slot"/>, which it was moved into, those whose moment is still ahead at <paramref name="now"/>.</summary>
    void MovedBooking(Booking booking, Slot slot, DateTimeOffset now);
}
