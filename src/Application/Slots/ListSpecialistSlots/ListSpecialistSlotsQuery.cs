using Mediator;
using Slots.Application.Common;
using Slots.Application.Common.Security;

namespace Slots.Application.Slots.ListSpecialistSlots;

/// <summary>
/// A specialist's slots with their bookings: all of them, sorted by start, unless <see cref="When"/> takes only those
/// not ended yet (<see cref="Upcoming"/>, soonest first) or those that have ended (<see cref="Past"/>, latest first).
/// <see cref="ServiceId"/> keeps that service's and those for no service in particular; <see cref="Status"/> those
/// open or closed for booking; <see cref="Booked"/> those someone booked (true) or nobody has (false).
/// </summary>
public sealed record ListSpecialistSlotsQuery(
    string SpecialistEmail, int? Limit, string? Cursor, string? ServiceId = null, string? When = null, string? Status = null,
    bool? Booked = null)
    : IQuery<Page<SlotResponse>>, IRestrictedRequest
{
    public const string Upcoming = "upcoming";

    public const string Past = "past";

    public static IReadOnlySet<Role> AllowedRoles => Allowed.Specialists;
}
