using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Events;
using Slots.Application.Notifications;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.BookSlot;

/// <summary>
/// Books a seat: the repository locks the slot's row first, so concurrent bookings of one slot queue up
/// and each sees the count the previous one committed.
/// </summary>
public sealed class BookSlotHandler(
    ISlotRepository slots, ICurrentUser user, TimeProvider clock, BookingLimits limits, IEventOutbox events, INotificationOutbox notifications)
    : ICommandHandler<BookSlotCommand, BookingConfirmation>
{
    public async ValueTask<BookingConfirmation> Handle(BookSlotCommand command, CancellationToken cancellationToken)
    {
        var customer = user.Require().CustomerFor(command);
        var now = clock.GetUtcNow();
        var (slot, held, policy) = await slots.GetForBookingAsync(command.SlotId, customer.Id, now.UtcDateTime, cancellationToken);
        if (slot is null)
        {
            throw SlotErrors.NotFound(command.SlotId);
        }

        // The slot's own rules first (a full or past slot says so), then the customer's limits; a second booking
        // of the same slot is already_booked, not a limit.
        slot.EnsureBookable(customer, now, policy);
        limits.EnsureRoomFor(held);
        var booking = slot.Book(customer, now, policy);
        notifications.Booked(events.Add(EventTypes.BookingCreated, slot.Id, BookingEventData.Of(booking, slot) with { FromWaitlist = false }), booking, slot);
        return BookingConfirmation.Of(booking, slot);
    }
}
