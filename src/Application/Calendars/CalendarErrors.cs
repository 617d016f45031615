using Slots.Domain.Common;

namespace Slots.Application.Calendars;

public static class CalendarErrors
{
    /// <summary>No feed for the caller, or none the token opens (a rotated or turned-off feed's old URL).</summary>
    public static DomainException FeedNotFound() =>
        new("calendar_feed_not_found", "There is no such calendar feed (it may have been rotated or turned off).", DomainErrorKind.NotFound);
}
