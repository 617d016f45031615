using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.GetSlot;

/// <summary>The slot with this id: the primary key, so at most one row and no limit needed.</summary>
public sealed class SlotByIdSpec : Specification<Slot>
{
    public SlotByIdSpec(Guid slotId) => Where(s => s.Id == slotId);
}
