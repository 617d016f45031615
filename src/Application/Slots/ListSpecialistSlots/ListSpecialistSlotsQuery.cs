using Mediator;
using Slots.Application.Common;
using Slots.Application.Common.Security;

namespace Slots.Application.Slots.ListSpecialistSlots;

/// <summary>
/// All of a specialist's slots, past and future, with their bookings, sorted by start; with <see cref="ServiceId"/>, only
/// that service's and those for no service in particular.
/// </summary>
public sealed record ListSpecialistSlotsQuery(string SpecialistEmail, int? Limit, string? Cursor, string? ServiceId = null)
    : IQuery<Page<SlotResponse>>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.Specialists;
}
