using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Calendars.GetCalendarFeed;

public sealed class GetCalendarFeedHandler(ICalendarFeeds feeds, ICurrentUser user) : IQueryHandler<GetCalendarFeedQuery, CalendarFeed>
{
    public async ValueTask<CalendarFeed> Handle(GetCalendarFeedQuery query, CancellationToken cancellationToken) =>
        await feeds.FindAsync(CalendarOwner.Of(user.Require()), cancellationToken) ?? throw CalendarErrors.FeedNotFound();
}
