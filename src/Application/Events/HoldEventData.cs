using Slots.Application.Slots;
using Slots.Domain.Slots;

namespace Slots.Application.Events;

/// <summary>
/// <c>data</c> of a hold event: the hold by its ids, how it stands, and the slot with its seats. No email and no name, as
/// with a booking's (<see cref="BookingEventData"/>).
/// </summary>
/// <param name="HoldId">The hold.</param>
/// <param name="CustomerId">Whose hold it is.</param>
/// <param name="ExpiresAt">When it stops (or stopped) keeping its seat.</param>
/// <param name="Status">How the hold stands now.</param>
/// <param name="Slot">The slot, with its seats.</param>
public sealed record HoldEventData(Guid HoldId, string CustomerId, DateTime ExpiresAt, HoldStatus Status, SlotSummary Slot)
{
    public static HoldEventData Of(SeatHold hold, Slot slot) => new(hold.Id, hold.CustomerId, hold.ExpiresAt, hold.Status, slot.ToSummary());
}
