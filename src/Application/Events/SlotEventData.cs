using Slots.Application.Slots;
using Slots.Domain.Slots;

namespace Slots.Application.Events;

/// <summary>
/// <c>data</c> of a slot event: the slot with its seat count and its <c>version</c>, so a consumer can drop an event older
/// than one it has applied; without its bookings, whose customers' emails and names events do not carry.
/// </summary>
public sealed record SlotEventData(SlotSummary Slot)
{
    public static SlotEventData Of(Slot slot) => new(slot.ToSummary());
}
