namespace Slots.Infrastructure.Events;

/// <summary><c>Slots:Events</c>: how long the feed keeps its events.</summary>
public sealed class EventOptions
{
    public const string Section = "Slots:Events";

    /// <summary>
    /// How long an event is kept, counted from when it was written; <see cref="EventSweeper"/> deletes older ones, and a
    /// feed position before the last one it deleted answers 410 <c>position_expired</c>.
    /// </summary>
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromDays(90);
}
