using Ardalis.Specification;
using Slots.Domain.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.ListAvailableSlots;

/// <summary>A specialist's bookable slots: active, starting after <c>now</c>, seats left, local date in range.</summary>
/// <remarks>
/// The criteria below are what the customers' view means. That view runs on every page load, so Infrastructure answers
/// it with one hand-written statement (<see cref="Common.ISlotReader.ListAvailableAsync"/>) that takes this
/// specification's values; a test on PostgreSQL proves its rows equal the ones EF reads for these criteria.
/// </remarks>
public sealed class AvailableSlotsSpec : Specification<Slot>
{
    public AvailableSlotsSpec(string specialistEmail, DateOnly from, DateOnly to, DateTime now, DateTime? startsAfter, int take)
    {
        SpecialistEmail = EmailAddress.Normalize(specialistEmail);
        Earliest = startsAfter is { } after && after > now ? after : now;
        From = from;
        To = to;
        Limit = take;

        var email = SpecialistEmail;
        var earliest = Earliest;
        Query.Where(s => s.SpecialistEmail == email
                && s.Status == SlotStatus.Active
                && s.StartsAt > earliest
                && s.BookedCount < s.TotalCapacity
                && s.Date >= from
                && s.Date <= to)
            .OrderBy(s => s.StartsAt)
            .Take(take);
    }

    public string SpecialistEmail { get; }

    /// <summary>Slots must start after this instant: now, or the page cursor when it is later.</summary>
    public DateTime Earliest { get; }

    public DateOnly From { get; }

    public DateOnly To { get; }

    /// <summary>Most rows to return (the specification's <c>Take</c>, not nullable).</summary>
    public int Limit { get; }
}
