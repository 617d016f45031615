using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Events;
using Slots.Application.Notifications;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.BookSlot;

/// <summary>
/// Books a seat: the repository locks the slot's row first, so concurrent bookings of one slot queue up
/// and each sees the count the previous one committed, holds included. Seats that lapsed holds kept go to the
/// waitlist before this booking may take one.
/// </summary>
public sealed class BookSlotHandler(
    ISlotRepository slots, ICurrentUser user, TimeProvider clock, BookingLimits limits, IEventOutbox events, INotificationOutbox notifications,
    WaitlistPromotion waitlist)
    : ICommandHandler<BookSlotCommand, BookingConfirmation>
{
    private readonly BookingWriter _writer = new(limits, events, notifications);

    public async ValueTask<BookingConfirmation> Handle(BookSlotCommand command, CancellationToken cancellationToken)
    {
        var customer = user.Require().CustomerFor(command);
        var now = clock.GetUtcNow();
        var (slot, held, policy) = await slots.GetForBookingAsync(command.SlotId, customer.Id, now.UtcDateTime, cancellationToken);
        if (slot is null)
        {
            throw SlotErrors.NotFound(command.SlotId);
        }

        if (command.HoldId is { } holdId)
        {
            await slots.LoadHoldAsync(slot, holdId, cancellationToken);
        }

        await waitlist.FillAsync(slot, now, cancellationToken);
        return _writer.Book(slot, customer, held, policy, now, command.HoldId);
    }
}
