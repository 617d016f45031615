using Mediator;
using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.CancelBooking;

public sealed class CancelBookingHandler(ISlotRepository slots, TimeProvider clock) : ICommandHandler<CancelBookingCommand>
{
    public async ValueTask<Unit> Handle(CancelBookingCommand command, CancellationToken cancellationToken)
    {
        var slot = await slots.GetForUpdateAsync(command.SlotId, cancellationToken)
            ?? throw SlotErrors.NotFound(command.SlotId);
        slot.CancelBooking(command.CustomerId, clock.GetUtcNow());
        return Unit.Value;
    }
}
