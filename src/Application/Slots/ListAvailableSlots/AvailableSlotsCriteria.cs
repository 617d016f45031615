using Ardalis.Specification;
using Slots.Domain.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.ListAvailableSlots;

/// <summary>
/// One request's values for a specialist's bookable slots: active, starting after <see cref="Earliest"/>, seats left,
/// local date in [<see cref="From"/>, <see cref="To"/>], soonest first, at most <see cref="Limit"/>.
/// </summary>
/// <remarks>
/// <see cref="ToSpecification"/> states that meaning as an ordinary specification. The view runs on every page load, so
/// Infrastructure answers it with one hand-written statement that takes these values
/// (<see cref="Common.ISlotReader.ListAvailableAsync"/>), and no expression tree is built per request; a test on
/// PostgreSQL proves the statement's rows equal the ones EF reads for the specification.
/// </remarks>
public sealed class AvailableSlotsCriteria
{
    public AvailableSlotsCriteria(string specialistEmail, DateOnly from, DateOnly to, DateTime now, DateTime? startsAfter, int limit)
    {
        SpecialistEmail = EmailAddress.Normalize(specialistEmail);
        Earliest = startsAfter is { } after && after > now ? after : now;
        From = from;
        To = to;
        Limit = limit;
    }

    public string SpecialistEmail { get; }

    /// <summary>Slots must start after this instant: now, or the page cursor when it is later.</summary>
    public DateTime Earliest { get; }

    public DateOnly From { get; }

    public DateOnly To { get; }

    /// <summary>Most rows to return.</summary>
    public int Limit { get; }

    /// <summary>What these values mean, as a specification over slots.</summary>
    public Specification<Slot> ToSpecification() => new Meaning(this);

    private sealed class Meaning : Specification<Slot>
    {
        public Meaning(AvailableSlotsCriteria criteria)
        {
            var (email, earliest, from, to) = (criteria.SpecialistEmail, criteria.Earliest, criteria.From, criteria.To);
            Query.Where(s => s.SpecialistEmail == email
                    && s.Status == SlotStatus.Active
                    && s.StartsAt > earliest
                    && s.BookedCount < s.TotalCapacity
                    && s.Date >= from
                    && s.Date <= to)
                .OrderBy(s => s.StartsAt)
                .Take(criteria.Limit);
        }
    }
}
