using Slots.Domain.Common;

namespace Slots.Application.Common.Security;

/// <summary>The authenticated caller, as their token describes them.</summary>
/// <param name="Subject">The token's <c>sub</c>: a customer's id, a specialist's id.</param>
/// <param name="Email">The token's <c>email</c>, normalized; every specialist and customer has one.</param>
/// <param name="Name">The token's <c>name</c>, when it carries one.</param>
/// <param name="Roles">The known roles the token grants (at least one).</param>
public sealed record Actor(string Subject, string? Email, string? Name, IReadOnlySet<Role> Roles)
{
    public bool IsAdmin => Roles.Contains(Role.Admin);

    public bool Has(Role role) => Roles.Contains(role);

    /// <summary>Whether the actor may manage the slots of the specialist with this (normalized) email.</summary>
    public bool Manages(string specialistEmail) =>
        IsAdmin || (Has(Role.Specialist) && Email is not null && Email == EmailAddress.Normalize(specialistEmail));
}
