using Mediator;
using Slots.Application.Common;
using Slots.Application.Common.Security;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.DeleteSlot;

public sealed class DeleteSlotHandler(ISlotRepository slots, ICurrentUser user) : ICommandHandler<DeleteSlotCommand>
{
    public async ValueTask<Unit> Handle(DeleteSlotCommand command, CancellationToken cancellationToken)
    {
        var slot = await slots.GetForUpdateAsync(command.SlotId, SlotLoad.SlotOnly, cancellationToken)
            ?? throw SlotErrors.NotFound(command.SlotId);
        var mine = user.Require().EnsureManages(slot);
        mine.EnsureVersion(command.IfMatch);
        mine.EnsureDeletable();
        slots.Remove(slot);
        return Unit.Value;
    }
}
