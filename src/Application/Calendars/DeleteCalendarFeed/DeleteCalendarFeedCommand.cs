using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Calendars.DeleteCalendarFeed;

/// <summary>Turns the caller's feed off: its URL stops at once.</summary>
public sealed record DeleteCalendarFeedCommand : ICommand, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.CustomersAndSpecialists;
}
