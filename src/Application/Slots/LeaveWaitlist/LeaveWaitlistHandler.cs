using Mediator;
using Slots.Application.Common.Security;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.LeaveWaitlist;

public sealed class LeaveWaitlistHandler(ISlotRepository slots, ICurrentUser user, TimeProvider clock) : ICommandHandler<LeaveWaitlistCommand>
{
    public async ValueTask<Unit> Handle(LeaveWaitlistCommand command, CancellationToken cancellationToken)
    {
        var actor = user.Require();
        actor.EnsureMayCancelFor(command.CustomerId);
        var now = clock.GetUtcNow();
        var (slot, _, _) = await slots.GetForWaitlistAsync(command.SlotId, command.CustomerId, now.UtcDateTime, cancellationToken);
        if (slot is null)
        {
            throw SlotErrors.NotFound(command.SlotId);
        }

        // Whoever may cancel the customer's booking of this slot may take them out of its line.
        actor.EnsureMayCancel(slot, command.CustomerId);
        slot.LeaveWaitlist(command.CustomerId, now);
        return Unit.Value;
    }
}
