using Mediator;

namespace Slots.Application.Calendars.ReadCalendarFeed;

public sealed class ReadCalendarFeedHandler(ICalendarFeeds feeds, ICalendarWriter writer, TimeProvider clock)
    : IQueryHandler<ReadCalendarFeedQuery, string>
{
    public async ValueTask<string> Handle(ReadCalendarFeedQuery query, CancellationToken cancellationToken)
    {
        // A malformed token is not looked up: it answers like a wrong one.
        var owner = CalendarFeedToken.IsWellFormed(query.Token) ? await feeds.OwnerOfAsync(query.Token, cancellationToken) : null;
        if (owner is null)
        {
            throw CalendarErrors.FeedNotFound();
        }

        var from = clock.GetUtcNow().UtcDateTime - ICalendarFeeds.History;
        var sessions = await feeds.SessionsAsync(owner, from, cancellationToken);
        return writer.Write(sessions, null, owner.Kind == CalendarKind.Specialist ? "My consulting slots" : "My consulting sessions");
    }
}
