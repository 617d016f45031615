using System.Security.Claims;
using Slots.Application.Common;
using Slots.Application.Common.Security;
using Slots.Domain.Common;
using Slots.Domain.Slots;

namespace Slots.Api.Security;

/// <summary>
/// Reads the <see cref="Actor"/> out of a validated token's claims (<c>sub</c>, <c>email</c>, <c>name</c>,
/// <c>role</c>, kept under their JWT names). A token without a subject, without a known role, or without
/// the email a specialist or customer acts under describes nobody, and is refused at sign-in.
/// </summary>
public static class ClaimsActor
{
    public const string Problem =
        "The token needs 'sub', a 'role' of customer, specialist, admin or service, and an 'email' unless the role is admin or service; "
        + "sub and name are plain text of at most 128 and 200 characters, and email a printable-ASCII address.";

    public static Actor? From(ClaimsPrincipal principal)
    {
        var subject = principal.FindFirst("sub")?.Value;
        // The handler has checked the issuer against the trusted one; it names whose subject this is.
        var issuer = principal.FindFirst("iss")?.Value;
        var email = principal.FindFirst("email")?.Value;
        var name = principal.FindFirst("name")?.Value;
        var roles = principal.FindAll("role").Select(c => Parse(c.Value)).OfType<Role>().ToHashSet();
        if (string.IsNullOrWhiteSpace(issuer) || issuer.Length > SlotLimits.MaxIssuerLength
            || string.IsNullOrWhiteSpace(subject) || subject.Length > SlotLimits.MaxIdLength || roles.Count == 0
            || (email is null ? !roles.Contains(Role.Admin) && !roles.Contains(Role.Service) : !EmailAddress.IsValid(email))
            || name?.Length > SlotLimits.MaxNameLength
            || !Rules.IsPlainText(subject) || !Rules.IsPlainText(name))
        {
            return null;
        }

        // Verified only when the token says so: a provider that does not check addresses leaves the claim out.
        var verified = string.Equals(principal.FindFirst("email_verified")?.Value, "true", StringComparison.OrdinalIgnoreCase);
        return new Actor(
            issuer,
            subject,
            email is null ? null : EmailAddress.Normalize(email),
            string.IsNullOrWhiteSpace(name) ? null : name,
            roles,
            EmailVerified: verified,
            Scopes: roles.Contains(Role.Service) ? ServiceScopes.Parse(string.Join(' ', principal.FindAll("scope").Select(c => c.Value))) : null);
    }

    // Exact names only: Enum.TryParse would also take "1" or "ADMIN".
    private static Role? Parse(string role) => role switch
    {
        "customer" => Role.Customer,
        "specialist" => Role.Specialist,
        "admin" => Role.Admin,
        "service" => Role.Service,
        _ => null,
    };
}
