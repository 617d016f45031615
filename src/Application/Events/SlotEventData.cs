using Slots.Application.Slots;
using Slots.Domain.Slots;

namespace Slots.Application.Events;

/// <summary>
/// <c>data</c> of a slot event: the slot as the specialist's view shows it, its <c>version</c> included, so a consumer
/// can drop an event older than one it has applied.
/// </summary>
public sealed record SlotEventData(SlotResponse Slot)
{
    public static SlotEventData Of(Slot slot) => new(slot.ToResponse());
}
