using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Slots.Application.Specialists.FindSpecialists;

/// <summary>
/// Where a directory page ended: whether that specialist had a bookable slot, their name and their address, the order's
/// key (the address makes it unique). Opaque to clients.
/// </summary>
public sealed record DirectoryCursor(bool Open, string Name, string Email)
{
    /// <summary>Longer than any cursor <see cref="Encode"/> writes (a name and an address at their limits, in UTF-8); a longer one is refused unread.</summary>
    public const int MaxLength = 1400;

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new object[] { Open, Name, Email }));

    public static bool TryDecode(string? text, out DirectoryCursor cursor)
    {
        cursor = new DirectoryCursor(false, "", "");
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return false;
        }

        try
        {
            var parts = JsonDocument.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text))).RootElement;
            if (parts.ValueKind != JsonValueKind.Array || parts.GetArrayLength() != 3
                || parts[0].ValueKind is not (JsonValueKind.True or JsonValueKind.False)
                || parts[1].ValueKind != JsonValueKind.String || parts[2].ValueKind != JsonValueKind.String)
            {
                return false;
            }

            cursor = new DirectoryCursor(parts[0].GetBoolean(), parts[1].GetString()!, parts[2].GetString()!);
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException or DecoderFallbackException)
        {
            return false;
        }
    }
}
