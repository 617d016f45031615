using System.Globalization;

namespace Slots.Api.Security;

/// <summary>
/// The budget a response's caller has left, as the IETF HTTPAPI working group's draft "RateLimit header fields for HTTP"
/// spells it: <c>RateLimit-Policy: "bookings";q=10;w=60</c> (the bucket holds <c>q</c> requests and refills them over
/// <c>w</c> seconds) and <c>RateLimit: "bookings";r=9;t=6</c> (<c>r</c> left now; <c>t</c> seconds until the bucket is
/// full again). A request that spends from two budgets (a calendar feed: the caller's and the feed's own; a series: the
/// caller's and the slots it writes, by the hour) names both.
/// Written as the response starts, so an error answer (the exception handler clears the headers) carries them too.
/// </summary>
public static class RateLimitHeaders
{
    public const string PolicyHeader = "RateLimit-Policy";
    public const string RemainingHeader = "RateLimit";

    /// <summary>
    /// Adds a budget to the response: its <paramref name="name"/>, <paramref name="quota"/> tokens refilled over
    /// <paramref name="windowSeconds"/> (a minute unless named), <paramref name="remaining"/> left.
    /// </summary>
    public static void Add(HttpContext context, string name, int quota, long remaining, int windowSeconds = 60)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[typeof(RateLimitHeaders)] is not List<(string Name, int Quota, int Window, long Remaining)> budgets)
        {
            context.Items[typeof(RateLimitHeaders)] = budgets = [];
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[PolicyHeader] = string.Join(", ", budgets.Select(b => Invariant($"\"{b.Name}\";q={b.Quota};w={b.Window}")));
                context.Response.Headers[RemainingHeader] = string.Join(", ", budgets.Select(b =>
                    Invariant($"\"{b.Name}\";r={b.Remaining};t={(int)Math.Ceiling((b.Quota - b.Remaining) * (double)b.Window / b.Quota)}")));
                return Task.CompletedTask;
            });
        }

        budgets.Add((name, quota, windowSeconds, Math.Clamp(remaining, 0, quota)));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
