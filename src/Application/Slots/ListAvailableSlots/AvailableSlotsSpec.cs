using Slots.Application.Common;
using Slots.Domain.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.ListAvailableSlots;

/// <summary>A specialist's bookable slots: active, starting after <c>now</c>, seats left, local date in range.</summary>
/// <remarks>The customers' view runs on every page load, so its query is compiled once (see <see cref="ICompiledSpecification{TSelf, T}"/>).</remarks>
public sealed class AvailableSlotsSpec : ICompiledSpecification<AvailableSlotsSpec, Slot>
{
    public AvailableSlotsSpec(string specialistEmail, DateOnly from, DateOnly to, DateTime now, DateTime? startsAfter, int take)
    {
        SpecialistEmail = EmailAddress.Normalize(specialistEmail);
        Earliest = startsAfter is { } after && after > now ? after : now;
        From = from;
        To = to;
        Take = take;
    }

    public static SpecificationQuery<AvailableSlotsSpec, Slot> Query { get; } = new SpecificationQuery<AvailableSlotsSpec, Slot>()
        .Where((spec, s) => s.SpecialistEmail == spec.SpecialistEmail
            && s.Status == SlotStatus.Active
            && s.StartsAt > spec.Earliest
            && s.BookedCount < s.TotalCapacity
            && s.Date >= spec.From
            && s.Date <= spec.To)
        .OrderBy(s => s.StartsAt);

    public string SpecialistEmail { get; }

    /// <summary>Slots must start after this instant: now, or the page cursor when it is later.</summary>
    public DateTime Earliest { get; }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public int Take { get; }
}
