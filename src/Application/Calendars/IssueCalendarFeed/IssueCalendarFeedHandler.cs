using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Calendars.IssueCalendarFeed;

public sealed class IssueCalendarFeedHandler(ICalendarFeeds feeds, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<IssueCalendarFeedCommand, CalendarFeed>
{
    public async ValueTask<CalendarFeed> Handle(IssueCalendarFeedCommand command, CancellationToken cancellationToken) =>
        await feeds.IssueAsync(CalendarOwner.Of(user.Require()), clock.GetUtcNow().UtcDateTime, cancellationToken);
}
