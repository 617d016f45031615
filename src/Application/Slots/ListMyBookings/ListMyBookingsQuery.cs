using Mediator;
using Slots.Application.Common;
using Slots.Application.Common.Security;

namespace Slots.Application.Slots.ListMyBookings;

/// <summary>
/// The caller's live bookings in slots that have not ended yet, the soonest first: what a customer may still attend
/// or cancel. A past slot's booking is history, kept in the slot's own views.
/// </summary>
public sealed record ListMyBookingsQuery(int? Limit, string? Cursor) : IQuery<Page<MyBookingResponse>>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.Customers;
}
