using System.Globalization;

namespace Slots.Application.Common;

/// <summary>The wire formats of local dates (<c>YYYY-MM-DD</c>) and times (<c>HH:mm</c>, 24-hour).</summary>
public static class LocalFormats
{
    public const string Date = "yyyy-MM-dd";
    public const string Time = "HH:mm";

    public static bool IsDate(string? text) => TryParseDate(text, out _);

    public static bool IsTime(string? text) => TryParseTime(text, out _);

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, Date, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, Time, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, Date, CultureInfo.InvariantCulture);

    public static TimeOnly ParseTime(string text) => TimeOnly.ParseExact(text, Time, CultureInfo.InvariantCulture);
}
