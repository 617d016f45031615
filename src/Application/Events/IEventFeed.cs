namespace Slots.Application.Events;

/// <summary>The events committed so far, in feed order.</summary>
public interface IEventFeed
{
    /// <summary>
    /// At most <paramref name="take"/> events after <paramref name="after"/>, oldest first; null when events after it were
    /// deleted by the retention (it is before the feed's horizon).
    /// </summary>
    Task<List<FeedEvent>?> ReadAsync(EventPosition after, int take, CancellationToken cancellationToken);
}
