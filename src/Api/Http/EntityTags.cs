using System.Globalization;

namespace Slots.Api.Http;

/// <summary>
/// Entity tags (RFC 9110 8.8.3). A slot's tag is its version, <c>"v7"</c>: one more with every change, a booking or a
/// cancellation included, since the specialist's view lists the bookings. A list's tag is a hash of its body.
/// </summary>
public static class EntityTags
{
    public static string ForSlot(int version) => $"\"v{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// The slot versions an <c>If-Match</c> header accepts: null when there is none or it is <c>*</c> (any version of a
    /// slot that exists); otherwise the versions of its strong tags, possibly none (then nothing matches: 412). Weak
    /// tags never match, as strong comparison requires.
    /// </summary>
    public static IReadOnlyList<int>? SlotVersions(string? ifMatch)
    {
        var tags = ifMatch is null ? [] : Tags(ifMatch);
        if (ifMatch is null || tags.Contains("*"))
        {
            return null;
        }

        return tags
            .Select(t => t.Length > 3 && t.StartsWith("\"v", StringComparison.Ordinal) && t.EndsWith('"')
                && int.TryParse(t.AsSpan(2, t.Length - 3), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .Where(v => v > 0)
            .ToList();
    }

    /// <summary>Whether an <c>If-None-Match</c> header names this tag (weak comparison) or is <c>*</c>: then the answer is 304.</summary>
    public static bool NoneMatchHits(string? ifNoneMatch, string tag) =>
        ifNoneMatch is not null
        && Tags(ifNoneMatch).Any(t => t == "*" || (t.StartsWith("W/", StringComparison.Ordinal) ? t[2..] : t) == tag);

    private static string[] Tags(string header) =>
        header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
