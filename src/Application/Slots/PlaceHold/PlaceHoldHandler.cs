using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Events;
using Slots.Application.Slots.BookSlot;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.PlaceHold;

/// <summary>
/// Holds a seat: the slot's row lock, then the customer's, as a booking takes them, so a hold and a booking of the last
/// seat queue and the second sees the first. Seats that lapsed holds kept go to the waitlist before anyone holds them.
/// </summary>
public sealed class PlaceHoldHandler(
    ISlotRepository slots, ICurrentUser user, TimeProvider clock, BookingLimits limits, HoldSettings settings, IEventOutbox events,
    WaitlistPromotion waitlist)
    : ICommandHandler<PlaceHoldCommand, HoldResponse>
{
    public async ValueTask<HoldResponse> Handle(PlaceHoldCommand command, CancellationToken cancellationToken)
    {
        var customer = user.Require().CustomerFor(command);
        var now = clock.GetUtcNow();
        var (slot, held, holding, policy) = await slots.GetForHoldAsync(command.SlotId, customer.Id, now.UtcDateTime, cancellationToken);
        if (slot is null)
        {
            throw SlotErrors.NotFound(command.SlotId);
        }

        await waitlist.FillAsync(slot, now, cancellationToken);
        // The slot's rules first, then the customer's limits: a held seat is a booking about to be made.
        slot.EnsureHoldable(customer, now, policy);
        if (holding >= SlotLimits.MaxHoldsPerCustomer)
        {
            throw SlotErrors.HoldLimitReached();
        }

        limits.EnsureRoomFor(held);
        var hold = slot.PlaceHold(customer, now, policy, TimeSpan.FromMinutes(command.Minutes ?? settings.Minutes));
        events.Add(EventTypes.HoldCreated, slot.Id, HoldEventData.Of(hold, slot));
        return HoldResponse.Of(hold, slot, now);
    }
}
