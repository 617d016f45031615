using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Events;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.DeleteSlot;

public sealed class DeleteSlotHandler(ISlotRepository slots, ICurrentUser user, IEventOutbox events) : ICommandHandler<DeleteSlotCommand>
{
    public async ValueTask<Unit> Handle(DeleteSlotCommand command, CancellationToken cancellationToken)
    {
        var slot = await slots.GetForUpdateAsync(command.SlotId, SlotLoad.SlotOnly, cancellationToken)
            ?? throw SlotErrors.NotFound(command.SlotId);
        var mine = user.Require().EnsureManages(slot);
        mine.EnsureVersion(command.IfMatch);
        mine.EnsureDeletable();
        slots.Remove(slot);
        // Nobody holds a seat (checked above), so the slot's live bookings are truly none.
        events.Add(EventTypes.SlotDeleted, slot.Id, SlotEventData.Of(slot));
        return Unit.Value;
    }
}
