using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.GetSlot;

public sealed class SlotByIdSpec : Specification<Slot>
{
    public SlotByIdSpec(Guid slotId)
    {
        Where(s => s.Id == slotId);
        Limit(1);
    }
}
