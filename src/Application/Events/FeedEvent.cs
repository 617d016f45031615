namespace Slots.Application.Events;

/// <summary>One event as the feed reads it back: <see cref="Data"/> is its JSON.</summary>
public sealed record FeedEvent(Guid Id, string Type, Guid Subject, DateTime Time, EventPosition Position, string Data);
