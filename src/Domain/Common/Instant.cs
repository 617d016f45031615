namespace Slots.Domain.Common;

/// <summary>
/// UTC instants as the domain stores them: microsecond precision, the database's own, so that what a
/// command returns equals what a later read returns.
/// </summary>
public static class Instant
{
    /// <summary>The UTC <see cref="DateTime"/> of <paramref name="now"/>, truncated to whole microseconds.</summary>
    public static DateTime From(DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        return new DateTime(ticks - (ticks % 10), DateTimeKind.Utc);
    }

    /// <summary>A UTC instant as messages write it: ISO 8601 to the second, <c>Z</c>.</summary>
    public static string Text(DateTime utc) =>
        utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
