using Slots.Application.Slots;
using Slots.Domain.Slots;

namespace Slots.Application.Events;

/// <summary>
/// <c>data</c> of a waitlist event: the entry by its ids, how it stands, and the slot. No email and no name, as with a
/// booking's (<see cref="BookingEventData"/>).
/// </summary>
/// <param name="EntryId">The waitlist entry.</param>
/// <param name="CustomerId">Whose place it was.</param>
/// <param name="JoinedAt">When they joined.</param>
/// <param name="Status">How the entry stands now.</param>
/// <param name="SkipReason">For a skipped entry, the code of the rule that kept the customer out.</param>
/// <param name="Slot">The slot, with its seats.</param>
public sealed record WaitlistEventData(
    Guid EntryId, string CustomerId, DateTime JoinedAt, WaitlistStatus Status, string? SkipReason, SlotSummary Slot)
{
    public static WaitlistEventData Of(WaitlistEntry entry, Slot slot) =>
        new(entry.Id, entry.CustomerId, entry.JoinedAt, entry.Status, entry.SkipReason, slot.ToSummary());
}
