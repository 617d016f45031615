using System.Threading.Channels;

namespace Slots.Application.Slots.StreamAvailableSlots;

/// <summary>
/// The customers' view of one specialist as Server-Sent Events: what changed in it since the page read it (a slot's seats,
/// a slot gone from it), from the events feed. One reader of the feed per process fans out to every open stream, so an
/// open page costs no database connection.
/// </summary>
public interface ISeatStreams
{
    /// <summary>How often a stream with nothing to say sends a comment, so proxies keep it open.</summary>
    TimeSpan Heartbeat { get; }

    /// <summary>
    /// Opens a stream of <paramref name="specialistEmail"/>'s seat changes for a client at <paramref name="address"/>,
    /// resuming after <paramref name="lastEventId"/> (a feed position a stream gave) when the changes since are still at
    /// hand, and saying <c>reset</c> when they are not. Null when the address or the process has as many streams open as
    /// it may: the caller answers 429.
    /// </summary>
    ISeatStream? Open(string specialistEmail, string? address, string? lastEventId);
}

/// <summary>One open stream: what to send first, then what comes. Disposing it closes it.</summary>
public interface ISeatStream : IDisposable
{
    /// <summary>Sent first: a <c>ready</c> (with the feed's position), the changes a resumed stream missed, or a <c>reset</c>.</summary>
    IReadOnlyList<SeatMessage> First { get; }

    /// <summary>
    /// The changes as they come. Completed when the client reads too slowly to keep up (its queue full): it is dropped, not
    /// buffered without bound, and reconnects with its last event's id.
    /// </summary>
    ChannelReader<SeatMessage> Changes { get; }
}

/// <summary>
/// One Server-Sent Event: <see cref="Id"/> the feed position it reflects (a reconnect's <c>Last-Event-ID</c>),
/// <see cref="Event"/> <c>seats</c>, <c>removed</c>, <c>reset</c> or <c>ready</c>, <see cref="Data"/> its JSON.
/// </summary>
public sealed record SeatMessage(string Id, string Event, string Data);
