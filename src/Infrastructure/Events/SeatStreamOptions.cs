namespace Slots.Infrastructure.Events;

/// <summary>The live seat counts' streams (<c>Slots:Streams</c>).</summary>
public sealed class SeatStreamOptions
{
    public const string Section = "Slots:Streams";

    /// <summary>How often the process's one reader asks the feed for new events while streams are open.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Streams one process keeps open at most; beyond, 429.</summary>
    public int MaxStreams { get; set; } = 2_000;

    /// <summary>Streams one client address keeps open at most; beyond, 429.</summary>
    public int MaxPerAddress { get; set; } = 20;

    /// <summary>Changes one stream may have waiting to be sent; a client further behind is dropped.</summary>
    public int QueueLength { get; set; } = 256;

    /// <summary>The last changes kept for streams that reconnect with a <c>Last-Event-ID</c>.</summary>
    public int Replay { get; set; } = 4_096;

    /// <summary>How often a quiet stream sends a comment.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);
}
