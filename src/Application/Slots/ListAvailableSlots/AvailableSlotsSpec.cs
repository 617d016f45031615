using Slots.Application.Common;
using Slots.Domain.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.ListAvailableSlots;

/// <summary>A specialist's bookable slots: active, starting after <c>now</c>, seats left, local date in range.</summary>
public sealed class AvailableSlotsSpec : Specification<Slot>
{
    public AvailableSlotsSpec(string specialistEmail, DateOnly from, DateOnly to, DateTime now, DateTime? startsAfter, int take)
    {
        var email = EmailAddress.Normalize(specialistEmail);
        var earliest = startsAfter is { } after && after > now ? after : now;
        Where(s => s.SpecialistEmail == email
            && s.Status == SlotStatus.Active
            && s.StartsAt > earliest
            && s.BookedCount < s.TotalCapacity
            && s.Date >= from
            && s.Date <= to);
        OrderBy(s => s.StartsAt);
        Limit(take);
    }
}
