using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Calendars.IssueCalendarFeed;

/// <summary>Turns the caller's feed on, or gives it a new URL: the old one stops at once.</summary>
public sealed record IssueCalendarFeedCommand : ICommand<CalendarFeed>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.CustomersAndSpecialists;
}
