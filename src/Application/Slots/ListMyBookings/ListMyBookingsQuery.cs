using Mediator;
using Slots.Application.Common;
using Slots.Application.Common.Security;

namespace Slots.Application.Slots.ListMyBookings;

/// <summary>
/// The caller's live bookings: by default (<see cref="Upcoming"/>) in slots that have not ended yet, the soonest first,
/// what a customer may still attend or cancel; with <see cref="Past"/>, in slots that have ended, the latest first.
/// </summary>
public sealed record ListMyBookingsQuery(int? Limit, string? Cursor, string? When = null)
    : IQuery<Page<MyBookingResponse>>, IRestrictedRequest
{
    public const string Upcoming = "upcoming";

    public const string Past = "past";

    public static IReadOnlySet<Role> AllowedRoles => Allowed.Customers;

    public bool IsPast => When == Past;
}
