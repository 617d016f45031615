using Ardalis.Specification;
using Slots.Domain.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.ListSpecialistSlots;

/// <summary>What a specialist's list keeps, besides the specialist: each filter applies when it is not null.</summary>
/// <param name="ServiceId">That service's slots and those for no service in particular.</param>
/// <param name="Status">Slots open or closed for booking.</param>
/// <param name="Booked">Slots someone holds a seat in (true), or nobody does (false).</param>
/// <param name="Ended">Slots that have ended (true, latest first), or not yet (false); all, soonest first, when null.</param>
public sealed record SlotFilter(string? ServiceId = null, SlotStatus? Status = null, bool? Booked = null, bool? Ended = null);

/// <summary>
/// A specialist's slots past the cursor in the list's order (by start; the latest first for ended slots), only those
/// <paramref name="owner"/> (issuer, subject) owns, unless it is null (an admin), and those the filter keeps.
/// </summary>
public sealed class SpecialistSlotsSpec : Specification<Slot>
{
    public SpecialistSlotsSpec(
        string specialistEmail, (string Issuer, string Subject)? owner, DateTime? cursor, int take, DateTime now, SlotFilter filter)
    {
        var email = EmailAddress.Normalize(specialistEmail);
        Query.Where(s => s.SpecialistEmail == email).OwnedBy(owner);

        if (filter.ServiceId is { } serviceId)
        {
            Query.Where(s => s.ServiceId == serviceId || s.ServiceId == null);
        }

        if (filter.Status is { } status)
        {
            Query.Where(s => s.Status == status);
        }

        if (filter.Booked is { } booked)
        {
            Query.Where(s => (s.BookedCount > 0) == booked);
        }

        if (filter.Ended is true)
        {
            Query.Where(s => s.EndsAt <= now);
            if (cursor is { } before)
            {
                Query.Where(s => s.StartsAt < before);
            }

            Query.OrderByDescending(s => s.StartsAt).Take(take);
            return;
        }

        if (filter.Ended is false)
        {
            Query.Where(s => s.EndsAt > now);
        }

        if (cursor is { } after)
        {
            Query.Where(s => s.StartsAt > after);
        }

        Query.OrderBy(s => s.StartsAt).Take(take);
    }
}
