using Slots.Application.Common;
using Slots.Domain.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.ListSpecialistSlots;

/// <summary>A specialist's slots starting after the cursor, sorted by start.</summary>
public sealed class SpecialistSlotsSpec : Specification<Slot>
{
    public SpecialistSlotsSpec(string specialistEmail, DateTime? startsAfter, int take)
    {
        var email = EmailAddress.Normalize(specialistEmail);
        Where(s => s.SpecialistEmail == email);
        if (startsAfter is { } after)
        {
            Where(s => s.StartsAt > after);
        }

        OrderBy(s => s.StartsAt);
        Limit(take);
    }
}
