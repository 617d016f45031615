using Mediator;
using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.DeleteSlot;

public sealed class DeleteSlotHandler(ISlotRepository slots) : ICommandHandler<DeleteSlotCommand>
{
    public async ValueTask<Unit> Handle(DeleteSlotCommand command, CancellationToken cancellationToken)
    {
        var slot = await slots.GetForUpdateAsync(command.SlotId, cancellationToken)
            ?? throw SlotErrors.NotFound(command.SlotId);
        slot.EnsureDeletable();
        slots.Remove(slot);
        return Unit.Value;
    }
}
