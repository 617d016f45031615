using Slots.Application.Common;
using Slots.Domain.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.ListAvailableSlots;

/// <summary>A specialist's bookable slots: active, starting after <c>now</c>, seats left, local date in range.</summary>
/// <remarks>The customers' view runs on every page load, so its query is compiled once (see <see cref="CompiledSpecification{T}"/>).</remarks>
public sealed class AvailableSlotsSpec : CompiledSpecification<Slot>
{
    public AvailableSlotsSpec(string specialistEmail, DateOnly from, DateOnly to, DateTime now, DateTime? startsAfter, int take)
    {
        SpecialistEmail = EmailAddress.Normalize(specialistEmail);
        Earliest = startsAfter is { } after && after > now ? after : now;
        From = from;
        To = to;
        Where(s => s.SpecialistEmail == SpecialistEmail
            && s.Status == SlotStatus.Active
            && s.StartsAt > Earliest
            && s.BookedCount < s.TotalCapacity
            && s.Date >= From
            && s.Date <= To);
        OrderBy(s => s.StartsAt);
        Limit(take);
    }

    public string SpecialistEmail { get; }

    /// <summary>Slots must start after this instant: now, or the page cursor when it is later.</summary>
    public DateTime Earliest { get; }

    public DateOnly From { get; }

    public DateOnly To { get; }
}
