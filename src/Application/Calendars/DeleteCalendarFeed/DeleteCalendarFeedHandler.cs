using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Calendars.DeleteCalendarFeed;

public sealed class DeleteCalendarFeedHandler(ICalendarFeeds feeds, ICurrentUser user) : ICommandHandler<DeleteCalendarFeedCommand>
{
    public async ValueTask<Unit> Handle(DeleteCalendarFeedCommand command, CancellationToken cancellationToken) =>
        await feeds.DeleteAsync(CalendarOwner.Of(user.Require()), cancellationToken) ? Unit.Value : throw CalendarErrors.FeedNotFound();
}
