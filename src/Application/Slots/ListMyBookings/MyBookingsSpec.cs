using Ardalis.Specification;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.ListMyBookings;

/// <summary>
/// Slots in which the customer holds a live booking and which end after <paramref name="now"/>, by start and then id
/// (two specialists' slots may start at the same instant), after the cursor's (start, id).
/// </summary>
public sealed class MyBookingsSpec : Specification<Slot>
{
    public MyBookingsSpec(string customerId, DateTime now, (DateTime StartsAt, Guid Id)? after, int take)
    {
        Query.Where(s => s.EndsAt > now && s.Bookings.Any(b => b.CustomerId == customerId && b.CancelledAt == null));
        if (after is var (startsAt, id))
        {
            Query.Where(s => s.StartsAt > startsAt || (s.StartsAt == startsAt && s.Id.CompareTo(id) > 0));
        }

        Query.OrderBy(s => s.StartsAt).ThenBy(s => s.Id).Take(take);
    }
}
