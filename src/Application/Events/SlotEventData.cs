using Slots.Application.Slots;
using Slots.Domain.Slots;

namespace Slots.Application.Events;

/// <summary>
/// <c>data</c> of a slot event: the slot with its seat count and its <c>version</c>, so a consumer can drop an event older
/// than one it has applied; without its bookings, whose customers' emails and names events do not carry.
/// </summary>
/// <param name="MovedFrom">The times before a change that moved the slot (its live bookings' invites are updated); null otherwise.</param>
public sealed record SlotEventData(SlotSummary Slot, SlotEventData.Times? MovedFrom = null)
{
    public static SlotEventData Of(Slot slot, Times? movedFrom = null) => new(slot.ToSummary(), movedFrom);

    /// <summary>A slot's start and end (UTC).</summary>
    public sealed record Times(DateTime StartsAt, DateTime EndsAt);
}
