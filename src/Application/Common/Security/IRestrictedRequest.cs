namespace Slots.Application.Common.Security;

/// <summary>
/// A request only signed-in callers with one of <see cref="AllowedRoles"/> may send (admins always may).
/// The authorization behavior checks it before validation, so a caller without the role learns nothing
/// about the input rules. Whose slot or booking it is gets checked by the handler, against the loaded slot.
/// </summary>
public interface IRestrictedRequest
{
    static abstract IReadOnlySet<Role> AllowedRoles { get; }

    /// <summary>The scope that lets an internal service (<see cref="Role.Service"/>) send it; none by default.</summary>
    static virtual ServiceScope? ServiceScope => null;
}
