using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Slots.ListCancelledBookings;

/// <summary>
/// A slot's cancelled bookings, the most recently cancelled first, at most <see cref="MaxLimit"/>: the slot's own
/// views list only its live bookings, and a slot booked and cancelled again and again would otherwise grow without
/// bound. Capped, not paged: older cancellations stay on record but are not listed.
/// </summary>
public sealed record ListCancelledBookingsQuery(Guid SlotId, int? Limit) : IQuery<IReadOnlyList<BookingResponse>>, IRestrictedRequest
{
    public const int MaxLimit = 100;

    public static IReadOnlySet<Role> AllowedRoles => Allowed.Specialists;
}
