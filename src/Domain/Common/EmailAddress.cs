using Slots.Domain.Slots;

namespace Slots.Domain.Common;

/// <summary>
/// How the service reads and compares email addresses. Only printable ASCII is accepted, and the only
/// normalization is ASCII lower-casing, so two different addresses can never be folded into one (Unicode
/// case folding maps the Kelvin sign U+212A to a plain "k", for one). An address outside that form is refused,
/// never repaired.
/// </summary>
public static class EmailAddress
{
    /// <summary>
    /// Whether <paramref name="email"/> is an address the service accepts: at most 254 characters of printable
    /// ASCII without spaces, one <c>@</c> with something on each side, and a dot in the domain.
    /// </summary>
    public static bool IsValid(string? email)
    {
        if (string.IsNullOrEmpty(email) || email.Length > SlotLimits.MaxEmailLength)
        {
            return false;
        }

        foreach (var c in email)
        {
            if (c is <= ' ' or > '~')
            {
                return false;
            }
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0
            && at == email.LastIndexOf('@')
            && email.IndexOf('.', at) is var dot && dot > at + 1 && dot < email.Length - 1;
    }

    /// <summary>The form in which an email address is stored and compared: ASCII letters lower-cased, nothing else changed.</summary>
    public static string Normalize(string email) =>
        string.Create(email.Length, email, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] | 0x20) : source[i];
            }
        });
}
