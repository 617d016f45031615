using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Slots.Application.Calendars;

/// <summary>
/// A feed's token: 32 random bytes, base64url (43 characters), unguessable. Stored as its SHA-256 for the look-up, so a
/// copy of the table alone opens no feed; the owner's copy to show them is sealed apart.
/// </summary>
public static class CalendarFeedToken
{
    public const int Length = 43;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Whether <paramref name="token"/> could be one: the right length and alphabet (anything else is not looked up).</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));
}
