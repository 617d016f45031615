using Slots.Application.Events;
using Slots.Application.Notifications;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.BookSlot;

/// <summary>
/// Books one customer into a slot the command has locked and loaded (with the customer's live booking and the slot's live
/// holds), and writes the booking's event and mail: for a booking alone (<see cref="BookSlotHandler"/>) and for each
/// booking of a group (<see cref="BookingGroupRun"/>). A refused booking throws before it changes anything.
/// </summary>
public sealed class BookingWriter(BookingLimits limits, IEventOutbox events, INotificationOutbox notifications)
{
    /// <exception cref="Domain.Common.DomainException">
    /// The slot's rules first (a full or past slot says so), then the customer's limits; a second booking of the same slot
    /// is <c>already_booked</c>, not a limit.
    /// </exception>
    public BookingConfirmation Book(
        Slot slot, Customer customer, LiveBookingCounts held, BookingPolicy policy, DateTimeOffset now, Guid? holdId = null)
    {
        ArgumentNullException.ThrowIfNull(slot);
        slot.EnsureBookable(customer, now, policy, holdId);
        limits.EnsureRoomFor(held);
        var booking = slot.Book(customer, now, policy, holdId);
        var data = BookingEventData.Of(booking, slot) with
        {
            FromWaitlist = false,
            HoldId = slot.Holds.FirstOrDefault(h => h.BookingId == booking.Id)?.Id,
        };
        notifications.Booked(events.Add(EventTypes.BookingCreated, slot.Id, data), booking, slot);
        return BookingConfirmation.Of(booking, slot);
    }
}
