using System.Globalization;

namespace Slots.Api.Security;

/// <summary>
/// The budget a response's caller has left, as the IETF HTTPAPI working group's draft "RateLimit header fields for HTTP"
/// spells it: <c>RateLimit-Policy: "bookings";q=10;w=60</c> (the bucket holds <c>q</c> requests and refills them over
/// <c>w</c> seconds) and <c>RateLimit: "bookings";r=9;t=6</c> (<c>r</c> left now; <c>t</c> seconds until the bucket is
/// full again). A request that spends from two budgets (a calendar feed: the caller's and the feed's own) names both.
/// Written as the response starts, so an error answer (the exception handler clears the headers) carries them too.
/// </summary>
public static class RateLimitHeaders
{
    public const string PolicyHeader = "RateLimit-Policy";
    public const string RemainingHeader = "RateLimit";

    /// <summary>Adds a budget to the response: its <paramref name="name"/>, <paramref name="perMinute"/> tokens a minute, <paramref name="remaining"/> left.</summary>
    public static void Add(HttpContext context, string name, int perMinute, long remaining)
    {
        if (context.Items[typeof(RateLimitHeaders)] is not List<(string Name, int PerMinute, long Remaining)> budgets)
        {
            context.Items[typeof(RateLimitHeaders)] = budgets = [];
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[PolicyHeader] = string.Join(", ", budgets.Select(b => Invariant($"\"{b.Name}\";q={b.PerMinute};w=60")));
                context.Response.Headers[RemainingHeader] = string.Join(", ", budgets.Select(b =>
                    Invariant($"\"{b.Name}\";r={b.Remaining};t={(int)Math.Ceiling((b.PerMinute - b.Remaining) * 60.0 / b.PerMinute)}")));
                return Task.CompletedTask;
            });
        }

        budgets.Add((name, perMinute, Math.Clamp(remaining, 0, perMinute)));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
