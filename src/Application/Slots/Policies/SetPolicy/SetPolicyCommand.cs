using Mediator;
using Slots.Application.Common.Security;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.Policies.SetPolicy;

/// <summary>
/// Replaces a specialist's policy, the default of all their slots; bookings already made keep theirs. The specialist
/// themselves (claiming their email as their handle, as a first slot does) or an admin, for a specialist who has one.
/// </summary>
public sealed record SetPolicyCommand(string SpecialistEmail, PolicyInput Policy) : ICommand<BookingPolicy>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.Specialists;
}
