using Ardalis.Specification;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.ListMyBookings;

/// <summary>
/// Slots in which the customer holds a live booking: those that end after <paramref name="now"/>, by start and then id
/// (two specialists' slots may start at the same instant), after the cursor's (start, id); or, <paramref name="past"/>,
/// those that have ended, the other way round, before the cursor's.
/// </summary>
public sealed class MyBookingsSpec : Specification<Slot>
{
    public MyBookingsSpec(string customerId, DateTime now, (DateTime StartsAt, Guid Id)? after, int take, bool past = false)
    {
        Query.Where(s => s.Bookings.Any(b => b.CustomerId == customerId && b.CancelledAt == null));
        if (past)
        {
            Query.Where(s => s.EndsAt <= now);
            if (after is var (before, id))
            {
                Query.Where(s => s.StartsAt < before || (s.StartsAt == before && s.Id.CompareTo(id) < 0));
            }

            Query.OrderByDescending(s => s.StartsAt).ThenByDescending(s => s.Id).Take(take);
            return;
        }

        Query.Where(s => s.EndsAt > now);
        if (after is var (startsAt, afterId))
        {
            Query.Where(s => s.StartsAt > startsAt || (s.StartsAt == startsAt && s.Id.CompareTo(afterId) > 0));
        }

        Query.OrderBy(s => s.StartsAt).ThenBy(s => s.Id).Take(take);
    }
}
