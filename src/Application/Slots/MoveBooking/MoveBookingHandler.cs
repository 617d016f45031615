using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Events;
using Slots.Application.Notifications;
using Slots.Application.Slots.BookSlot;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.MoveBooking;

/// <summary>
/// Moves a booking in place: both slots locked (in id order) and loaded with the customer's live booking in each, the
/// target checked as a booking is, the booking re-parented with its invite revised, one event naming both slots' seats,
/// and its reminders moved to the new start, all in the command's transaction; the seat it left goes to that slot's
/// waitlist, if anyone waits.
/// </summary>
public sealed class MoveBookingHandler(
    ISlotRepository slots, ICurrentUser user, TimeProvider clock, IEventOutbox events, INotificationOutbox notifications,
    WaitlistPromotion waitlist)
    : ICommandHandler<MoveBookingCommand, BookingConfirmation>
{
    public async ValueTask<BookingConfirmation> Handle(MoveBookingCommand command, CancellationToken cancellationToken)
    {
        var actor = user.Require();
        actor.EnsureMayCancelFor(command.CustomerId);
        var (from, to, policy) = await slots.GetForMoveAsync(command.SlotId, command.ToSlotId, command.CustomerId, cancellationToken);
        if (from is null)
        {
            throw SlotErrors.NotFound(command.SlotId);
        }

        var by = actor.EnsureMayCancel(from, command.CustomerId);
        var target = to ?? throw SlotErrors.NotFound(command.ToSlotId);
        var now = clock.GetUtcNow();
        // Seats lapsed holds kept in the target go to its waitlist before the booking may move into one.
        await waitlist.FillAsync(target, now, cancellationToken);
        var booking = from.MoveBooking(command.CustomerId, target, now, policy, by);
        var data = BookingEventData.Of(booking, target) with { Move = new BookingEventData.MoveFacts(from.ToSummary(), by, Reason(command)) };
        events.Add(EventTypes.BookingMoved, target.Id, data);
        notifications.MovedBooking(booking, target, now);
        await waitlist.FillAsync(from, now, cancellationToken);
        return BookingConfirmation.Of(booking, target);
    }

    private static string? Reason(MoveBookingCommand command) => string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
}
