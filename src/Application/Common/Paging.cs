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

    /// <summary>Longer than any cursor <see cref="EncodeCursor(DateTime, Guid?)"/> writes; a longer one is refused unread.</summary>
    public const int MaxCursorLength = 96;

    /// <summary>
    /// The cursor after a row starting at <paramref name="startsAt"/>; lists whose start is not unique (a customer's
    /// bookings, across specialists) add the row's id as the tie-break.
    /// </summary>
    public static string EncodeCursor(DateTime startsAt, Guid? tieBreak = null) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            "s:" + startsAt.Ticks.ToString(CultureInfo.InvariantCulture) + (tieBreak is { } id ? ":" + id.ToString("N") : "")));

    public static bool TryDecodeCursor(string? cursor, out DateTime startsAt) => TryDecodeCursor(cursor, out startsAt, out _);

    /// <summary>Reads a cursor; <paramref name="tieBreak"/> is <see cref="Guid.Empty"/> (before every id) when it has none.</summary>
    public static bool TryDecodeCursor(string? cursor, out DateTime startsAt, out Guid tieBreak)
    {
        startsAt = default;
        tieBreak = Guid.Empty;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxCursorLength)
        {
            return false;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).AsSpan();
            if (!text.StartsWith("s:", StringComparison.Ordinal))
            {
                return false;
            }

            text = text[2..];
            var colon = text.IndexOf(':');
            if (colon >= 0)
            {
                if (!Guid.TryParseExact(text[(colon + 1)..], "N", out tieBreak))
                {
                    return false;
                }

                text = text[..colon];
            }

            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTime.MaxValue.Ticks)
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
    public static Page<T> ToPage<T>(List<T> rows, int limit, Func<T, DateTime> startsAt, Func<T, Guid>? tieBreak = null) =>
        ToPage(rows, limit, last => EncodeCursor(startsAt(last), tieBreak?.Invoke(last)));

    /// <summary>The same for a list with a cursor of its own (the event feed's position): <paramref name="cursorAfter"/> of the last row kept.</summary>
    public static Page<T> ToPage<T>(List<T> rows, int limit, Func<T, string> cursorAfter)
    {
        if (rows.Count <= limit)
        {
            return new Page<T>(rows, null);
        }

        rows.RemoveRange(limit, rows.Count - limit);
        return new Page<T>(rows, cursorAfter(rows[^1]));
    }
}
