using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Events;
using Slots.Application.Notifications;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.CancelBooking;

/// <summary>Cancels a booking and gives the freed seat to the slot's waitlist, if anyone waits, in the same transaction.</summary>
public sealed class CancelBookingHandler(
    ISlotRepository slots, ICurrentUser user, TimeProvider clock, IEventOutbox events, INotificationOutbox notifications, WaitlistPromotion waitlist)
    : ICommandHandler<CancelBookingCommand, CancellationDone>
{
    public async ValueTask<CancellationDone> Handle(CancelBookingCommand command, CancellationToken cancellationToken)
    {
        var actor = user.Require();
        // Already checked before the queue (IIdsCheckedFirst); kept here, so the handler holds its own rule.
        actor.EnsureMayCancelFor(command.CustomerId);
        var slot = await slots.GetForUpdateAsync(command.SlotId, SlotLoad.LiveBookingOf(command.CustomerId), cancellationToken)
            ?? throw SlotErrors.NotFound(command.SlotId);
        var by = actor.EnsureMayCancel(slot, command.CustomerId);
        var now = clock.GetUtcNow();
        var booking = slot.CancelBooking(command.CustomerId, now, by, command.Reason);
        notifications.Cancelled(events.Add(EventTypes.BookingCancelled, slot.Id, BookingEventData.Of(booking, slot)), booking);
        await waitlist.FillAsync(slot, now, cancellationToken);
        return new CancellationDone();
    }
}
