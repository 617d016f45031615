using Ardalis.Specification;
using Slots.Domain.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.ListSpecialistSlots;

/// <summary>
/// A specialist's slots starting after the cursor, sorted by start; only those <paramref name="owner"/> (issuer,
/// subject) owns, unless it is null (an admin); only <paramref name="serviceId"/>'s and those for no service, when given.
/// </summary>
public sealed class SpecialistSlotsSpec : Specification<Slot>
{
    public SpecialistSlotsSpec(
        string specialistEmail, (string Issuer, string Subject)? owner, DateTime? startsAfter, int take, string? serviceId = null)
    {
        var email = EmailAddress.Normalize(specialistEmail);
        Query.Where(s => s.SpecialistEmail == email).OwnedBy(owner);

        if (serviceId is not null)
        {
            Query.Where(s => s.ServiceId == serviceId || s.ServiceId == null);
        }

        if (startsAfter is { } after)
        {
            Query.Where(s => s.StartsAt > after);
        }

        Query.OrderBy(s => s.StartsAt).Take(take);
    }
}
