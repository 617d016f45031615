using Mediator;
using Slots.Application.Common;
using Slots.Application.Common.Security;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.BookSlot;

/// <summary>
/// Books a seat: the repository locks the slot's row first, so concurrent bookings of one slot queue up
/// and each sees the count the previous one committed.
/// </summary>
public sealed class BookSlotHandler(ISlotRepository slots, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<BookSlotCommand, BookingConfirmation>
{
    public async ValueTask<BookingConfirmation> Handle(BookSlotCommand command, CancellationToken cancellationToken)
    {
        var customer = user.Require().CustomerFor(command.CustomerId, command.CustomerEmail, command.CustomerName);
        var slot = await slots.GetForUpdateAsync(command.SlotId, SlotLoad.LiveBookingOf(customer.Id), cancellationToken)
            ?? throw SlotErrors.NotFound(command.SlotId);
        var booking = slot.Book(customer, clock.GetUtcNow());
        return new BookingConfirmation(
            slot.Id, booking.CustomerId, booking.CustomerEmail, booking.CustomerName, booking.BookedAt,
            slot.StartsAt, slot.EndsAt, slot.Date, slot.StartTime, slot.EndTime, slot.Timezone);
    }
}
