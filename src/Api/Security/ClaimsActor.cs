using System.Security.Claims;
using Slots.Application.Common;
using Slots.Application.Common.Security;
using Slots.Domain.Common;

namespace Slots.Api.Security;

/// <summary>
/// Reads the <see cref="Actor"/> out of a validated token's claims (<c>sub</c>, <c>email</c>, <c>name</c>,
/// <c>role</c>, kept under their JWT names). A token without a subject, without a known role, or without
/// the email a specialist or customer acts under describes nobody, and is refused at sign-in.
/// </summary>
public static class ClaimsActor
{
    public const string Problem =
        "The token needs 'sub', a 'role' of customer, specialist or admin, and an 'email' unless the role is admin; "
        + "sub, email and name are single lines of at most 128, 254 and 200 characters.";

    public static Actor? From(ClaimsPrincipal principal)
    {
        var subject = principal.FindFirst("sub")?.Value;
        var email = principal.FindFirst("email")?.Value;
        var name = principal.FindFirst("name")?.Value;
        var roles = principal.FindAll("role").Select(c => Parse(c.Value)).OfType<Role>().ToHashSet();
        if (string.IsNullOrWhiteSpace(subject) || subject.Length > Rules.MaxIdLength || roles.Count == 0
            || (email is null && !roles.Contains(Role.Admin))
            || email?.Length > Rules.MaxEmailLength || name?.Length > Rules.MaxNameLength
            || !Rules.IsSingleLine(subject) || !Rules.IsSingleLine(email) || !Rules.IsSingleLine(name))
        {
            return null;
        }

        return new Actor(subject, email is null ? null : EmailAddress.Normalize(email), string.IsNullOrWhiteSpace(name) ? null : name, roles);
    }

    // Exact names only: Enum.TryParse would also take "1" or "ADMIN".
    private static Role? Parse(string role) => role switch
    {
        "customer" => Role.Customer,
        "specialist" => Role.Specialist,
        "admin" => Role.Admin,
        _ => null,
    };
}
