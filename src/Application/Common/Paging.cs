using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Slots.Application.Common;

/// <summary>
/// Page sizes and keyset cursors for lists sorted by <c>startsAt</c>. A specialist's slots never
/// overlap (the database enforces it), so <c>startsAt</c> alone is a unique, stable key.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    /// <summary>Longer than any cursor <see cref="EncodeCursor"/> writes; a longer one is refused unread.</summary>
    public const int MaxCursorLength = 64;

    public static string EncodeCursor(DateTime startsAt) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes("s:" + startsAt.Ticks.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecodeCursor(string? cursor, out DateTime startsAt)
    {
        startsAt = default;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxCursorLength)
        {
            return false;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (!text.StartsWith("s:", StringComparison.Ordinal)
                || !long.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTime.MaxValue.Ticks)
            {
                return false;
            }

            startsAt = new DateTime(ticks, DateTimeKind.Utc);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Cuts the extra row fetched to learn whether another page exists.</summary>
    public static Page<T> ToPage<T>(List<T> rows, int limit, Func<T, DateTime> startsAt)
    {
        if (rows.Count <= limit)
        {
            return new Page<T>(rows, null);
        }

        rows.RemoveRange(limit, rows.Count - limit);
        return new Page<T>(rows, EncodeCursor(startsAt(rows[^1])));
    }
}
