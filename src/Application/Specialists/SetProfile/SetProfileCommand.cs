using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Specialists.SetProfile;

/// <summary>
/// Replaces a specialist's public profile. The specialist themself (claiming their email as their handle, as a first slot
/// does) or an admin, for a specialist who has one.
/// </summary>
public sealed record SetProfileCommand(string SpecialistEmail, ProfileInput Profile) : ICommand<SpecialistProfile>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.Specialists;
}
