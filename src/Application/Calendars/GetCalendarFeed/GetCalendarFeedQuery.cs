using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Calendars.GetCalendarFeed;

/// <summary>The caller's own calendar feed: a specialist's of their slots, a customer's of their bookings.</summary>
public sealed record GetCalendarFeedQuery : IQuery<CalendarFeed>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.CustomersAndSpecialists;
}
