using Ardalis.Specification;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.GetSlot;

/// <summary>
/// The slot with this id, if <paramref name="owner"/> (issuer, subject) owns it, or whoever owns it when null (an
/// admin): the primary key, so at most one row and no limit needed.
/// </summary>
public sealed class SlotByIdSpec : Specification<Slot>
{
    public SlotByIdSpec(Guid slotId, (string Issuer, string Subject)? owner) =>
        Query.Where(s => s.Id == slotId).OwnedBy(owner);
}
