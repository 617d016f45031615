using Slots.Domain.Slots;

namespace Slots.Application.Common.Security;

/// <summary>The authenticated caller, as their token describes them.</summary>
/// <param name="Issuer">The token's <c>iss</c>: together with <paramref name="Subject"/>, who the caller is.</param>
/// <param name="Subject">The token's <c>sub</c>: a customer's id, a specialist's id.</param>
/// <param name="Email">The token's <c>email</c>, normalized; every specialist and customer has one.</param>
/// <param name="Name">The token's <c>name</c>, when it carries one.</param>
/// <param name="Roles">The known roles the token grants (at least one).</param>
/// <param name="EmailVerified">True only when the token says <c>email_verified: true</c>; a missing claim is not verified.</param>
/// <param name="Scopes">What a <see cref="Role.Service"/> may do; empty for everyone else.</param>
public sealed record Actor(
    string Issuer, string Subject, string? Email, string? Name, IReadOnlySet<Role> Roles, bool EmailVerified = true,
    IReadOnlySet<ServiceScope>? Scopes = null)
{
    public bool IsAdmin => Roles.Contains(Role.Admin);

    /// <summary>An admin, or a service with <paramref name="scope"/>.</summary>
    public bool May(ServiceScope scope) => IsAdmin || (Has(Role.Service) && Scopes?.Contains(scope) == true);

    /// <summary>Whether the actor books and cancels for any customer, naming them in full: an admin, or a service with <c>bookings:write</c>.</summary>
    public bool ActsForCustomers => May(ServiceScope.BookingsWrite);

    public bool Has(Role role) => Roles.Contains(role);

    /// <summary>Whether the actor may manage this slot: an admin, or the specialist who owns it (by issuer and subject).</summary>
    public bool Manages(Slot slot) => IsAdmin || (Has(Role.Specialist) && slot.IsOwnedBy(Issuer, Subject));

    /// <summary>
    /// The owner a specialist's reads are narrowed to: their own (issuer, subject); null for an admin, who reads any.
    /// </summary>
    public (string Issuer, string Subject)? OwnerFilter => IsAdmin ? null : (Issuer, Subject);
}
