using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Events;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.ReleaseHold;

/// <summary>Releases a hold and gives its seat to the slot's waitlist, if anyone waits, in the same transaction.</summary>
public sealed class ReleaseHoldHandler(
    ISlotRepository slots, ICurrentUser user, TimeProvider clock, IEventOutbox events, WaitlistPromotion waitlist)
    : ICommandHandler<ReleaseHoldCommand>
{
    public async ValueTask<Unit> Handle(ReleaseHoldCommand command, CancellationToken cancellationToken)
    {
        var actor = user.Require();
        var slot = await slots.GetForUpdateAsync(command.SlotId, SlotLoad.SlotOnly, cancellationToken)
            ?? throw SlotErrors.NotFound(command.SlotId);
        await slots.LoadHoldAsync(slot, command.HoldId, cancellationToken);
        var hold = slot.Holds.FirstOrDefault(h => h.Id == command.HoldId) ?? throw SlotErrors.HoldNotFound(command.SlotId, command.HoldId);
        // Whoever may cancel the customer's booking of this slot may let their hold go.
        actor.EnsureMayCancel(slot, hold.CustomerId);
        var now = clock.GetUtcNow();
        slot.ReleaseHold(command.HoldId, now);
        events.Add(EventTypes.HoldReleased, slot.Id, HoldEventData.Of(hold, slot));
        await waitlist.FillAsync(slot, now, cancellationToken);
        return Unit.Value;
    }
}
