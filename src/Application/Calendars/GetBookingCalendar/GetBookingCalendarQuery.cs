using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Calendars.GetBookingCalendar;

/// <summary>
/// The caller's booking in a slot as a calendar file (<i>Add to calendar</i>): the same <c>UID</c> and <c>SEQUENCE</c> as
/// its mail invites, so a calendar that has the invite updates it instead of showing it twice.
/// </summary>
public sealed record GetBookingCalendarQuery(Guid SlotId) : IQuery<string>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.Customers;
}
