using Mediator;
using Slots.Application.Common;

namespace Slots.Application.Events.ListEvents;

public sealed class ListEventsHandler(IEventFeed feed) : IQueryHandler<ListEventsQuery, Page<FeedEvent>>
{
    public async ValueTask<Page<FeedEvent>> Handle(ListEventsQuery query, CancellationToken cancellationToken)
    {
        var after = EventPosition.TryParse(query.After, out var position) ? position : EventPosition.Start;
        var limit = query.Limit ?? Paging.DefaultLimit;
        var rows = await feed.ReadAsync(after, limit + 1, cancellationToken) ?? throw EventErrors.PositionExpired(after);
        return Paging.ToPage(rows, limit, e => e.Position.ToString());
    }
}
