using System.Buffers.Text;
using System.Text;
using Slots.Application.Common;

namespace Slots.Application.Webhooks.ListDeliveries;

/// <summary>The cursor of the deliveries list: the id of the last delivery shown, opaque.</summary>
public static class DeliveryCursor
{
    public static string Encode(Guid last) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes("d:" + last.ToString("N")));

    public static bool TryDecode(string? cursor, out Guid last)
    {
        last = Guid.Empty;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > Paging.MaxCursorLength)
        {
            return false;
        }

        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith("d:", StringComparison.Ordinal)
                && Guid.TryParseExact(text.AsSpan(2), "N", out last);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
