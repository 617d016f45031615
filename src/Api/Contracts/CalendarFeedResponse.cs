using Slots.Application.Calendars;

namespace Slots.Api.Contracts;

/// <summary>The caller's calendar feed: the URL to subscribe to (its token is the only key; keep it private).</summary>
public sealed record CalendarFeedResponse(CalendarKind Kind, Uri Url, DateTime IssuedAt)
{
    public static CalendarFeedResponse Of(CalendarFeed feed, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(request);
        return new(feed.Kind, new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/api/calendar/{feed.Token}.ics"), feed.IssuedAt);
    }
}
