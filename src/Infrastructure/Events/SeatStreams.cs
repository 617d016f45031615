using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Slots.Application.Events;
using Slots.Application.Slots.StreamAvailableSlots;
using Slots.Domain.Common;
using Slots.Infrastructure.Persistence;

namespace Slots.Infrastructure.Events;

/// <summary>
/// The process's one reader of the events feed for the live seat counts: while streams are open it reads the feed every
/// <see cref="SeatStreamOptions.PollInterval"/> and turns each event that changes a slot's seats into a <c>seats</c> (or,
/// when the slot left the customers' view, a <c>removed</c>) message for the streams of that slot's specialist, and a
/// series event into a <c>reset</c> (their page reads the view again). Each message's id is its event's feed position.
/// The last <see cref="SeatStreamOptions.Replay"/> messages are kept, so a stream that reconnects with its last id gets
/// what it missed; one further behind gets a <c>reset</c>. A stream whose client reads too slowly is dropped. While no
/// stream is open the reader asks the database nothing; the first stream then gets its <c>ready</c> once the reader has
/// found the feed's end, so whatever comes after the page reads its view reaches it.
/// </summary>
internal sealed partial class SeatStreams(IServiceScopeFactory scopes, SeatStreamOptions options, TimeProvider clock, ILogger<SeatStreams> logger)
    : BackgroundService, ISeatStreams
{
    /// <summary>Events read per query; the reader asks again at once while a query comes back full.</summary>
    private const int Batch = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string EndSql = """
        SELECT tx::text AS "Tx", seq AS "Seq" FROM events
        WHERE tx < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY tx DESC, seq DESC
        LIMIT 1
        """;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Stream>> _byEmail = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _byAddress = new(StringComparer.Ordinal);
    private readonly Queue<(EventPosition Position, string Email, SeatMessage Message)> _replay = new();
    private EventPosition _position;
    private EventPosition _replayFrom;
    private bool _positioned;
    private int _open;

    public TimeSpan Heartbeat => options.Heartbeat;

    /// <summary>Streams open now, in this process.</summary>
    public int OpenCount()
    {
        lock (_gate)
        {
            return _open;
        }
    }

    public ISeatStream? Open(string specialistEmail, string? address, string? lastEventId)
    {
        var email = EmailAddress.Normalize(specialistEmail);
        var from = address ?? "unknown";
        lock (_gate)
        {
            if (_open >= options.MaxStreams || _byAddress.GetValueOrDefault(from) >= options.MaxPerAddress)
            {
                return null;
            }

            var first = new List<SeatMessage>();
            var after = _position;
            string? waiting = null;
            if (!_positioned)
            {
                // Told once the reader knows where the feed ends (a resumed one, to reset: what it missed is not at hand).
                waiting = lastEventId is null ? "ready" : "reset";
            }
            else if (lastEventId is null)
            {
                first.Add(Ready());
            }
            else if (EventPosition.TryParse(lastEventId, out after) && Compare(after, _replayFrom) >= 0)
            {
                // Another process's reader may be ahead of this one: what this one has not read yet comes live, and
                // what the client has seen is not sent again.
                first.AddRange(_replay.Where(m => m.Email == email && Compare(m.Position, after) > 0).Select(m => m.Message));
            }
            else
            {
                after = _position;
                first.Add(Message(_position, "reset", "{}"));
            }

            var stream = new Stream(this, email, from, after, first, options.QueueLength) { Waiting = waiting };
            if (!_byEmail.TryGetValue(email, out var streams))
            {
                _byEmail[email] = streams = [];
            }

            streams.Add(stream);
            _byAddress[from] = _byAddress.GetValueOrDefault(from) + 1;
            _open++;
            return stream;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await RoundAsync(stoppingToken);
                failures = 0;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                if (failures++ == 0)
                {
                    LogRoundFailed(e);
                }
            }

            if (!full)
            {
                // Real time, not the service's clock (which tests move): the pace is about the streams, not due dates.
                await Task.Delay(options.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>One read of the feed; true when it came back full and there is more to read at once.</summary>
    internal async Task<bool> RoundAsync(CancellationToken cancellationToken)
    {
        bool positioned;
        lock (_gate)
        {
            if (_open == 0)
            {
                // Nobody to tell: no query at all; the next stream waits for the reader to find the feed's end.
                _positioned = false;
                _replay.Clear();
                return false;
            }

            positioned = _positioned;
        }

        await using var scope = scopes.CreateAsyncScope();
        if (!positioned)
        {
            var end = await EndAsync(scope.ServiceProvider.GetRequiredService<SlotsDbContext>(), cancellationToken);
            lock (_gate)
            {
                (_position, _replayFrom, _positioned) = (end, end, true);
                foreach (var stream in _byEmail.Values.SelectMany(s => s).Where(s => s.Waiting is not null).ToList())
                {
                    stream.After = end;
                    Offer(stream, Message(end, stream.Waiting!, "{}"));
                    stream.Waiting = null;
                }
            }

            return false;
        }

        var events = await scope.ServiceProvider.GetRequiredService<IEventFeed>().ReadAsync(_position, Batch, cancellationToken);
        if (events is null)
        {
            // The position fell behind the retention: every stream reads its view again.
            var end = await EndAsync(scope.ServiceProvider.GetRequiredService<SlotsDbContext>(), cancellationToken);
            lock (_gate)
            {
                (_position, _replayFrom) = (end, end);
                _replay.Clear();
                foreach (var stream in _byEmail.Values.SelectMany(s => s).ToList())
                {
                    Offer(stream, Message(end, "reset", "{}"));
                }
            }

            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var e in events)
        {
            var changes = Changes(e, now);
            lock (_gate)
            {
                foreach (var (email, message) in changes)
                {
                    Publish(e.Position, email, message);
                }

                _position = e.Position;
            }
        }

        return events.Count == Batch;
    }

    /// <summary>What an event changes in the customers' view, specialist by specialist.</summary>
    internal static List<(string Email, SeatMessage Message)> Changes(FeedEvent e, DateTime now)
    {
        var changes = new List<(string, SeatMessage)>();
        using var data = JsonDocument.Parse(e.Data);
        var root = data.RootElement;
        if (e.Type is EventTypes.SeriesCreated or EventTypes.SeriesChanged or EventTypes.SeriesDeleted)
        {
            if (root.TryGetProperty("specialistEmail", out var email) && email.GetString() is { } address)
            {
                changes.Add((address, Message(e.Position, "reset", "{}")));
            }

            return changes;
        }

        if (root.TryGetProperty("slot", out var slot))
        {
            changes.Add(SlotChange(e, slot, now));
        }

        if (root.TryGetProperty("move", out var move) && move.ValueKind == JsonValueKind.Object && move.TryGetProperty("from", out var from))
        {
            changes.Add(SlotChange(e, from, now));
        }

        return changes;
    }

    private static (string, SeatMessage) SlotChange(FeedEvent e, JsonElement slot, DateTime now)
    {
        var total = slot.GetProperty("totalCapacity").GetInt32();
        var left = total - slot.GetProperty("bookedCount").GetInt32() - (slot.TryGetProperty("heldCount", out var held) ? held.GetInt32() : 0);
        var status = slot.GetProperty("status").GetString() ?? string.Empty;
        var gone = e.Type == EventTypes.SlotDeleted || status != "active" || left <= 0 || slot.GetProperty("startsAt").GetDateTime() <= now;
        var change = new SeatChange(slot.GetProperty("id").GetGuid(), Math.Max(left, 0), total, e.Type == EventTypes.SlotDeleted ? "deleted" : status);
        return (slot.GetProperty("specialistEmail").GetString() ?? string.Empty,
            Message(e.Position, gone ? "removed" : "seats", JsonSerializer.Serialize(change, Json)));
    }

    private void Publish(EventPosition position, string email, SeatMessage message)
    {
        _replay.Enqueue((position, email, message));
        while (_replay.Count > options.Replay)
        {
            _replayFrom = _replay.Dequeue().Position;
        }

        if (_byEmail.TryGetValue(email, out var streams))
        {
            foreach (var stream in streams.ToList())
            {
                if (Compare(position, stream.After) > 0)
                {
                    Offer(stream, message);
                }
            }
        }
    }

    private SeatMessage Ready() => Message(_position, "ready", "{}");

    private static SeatMessage Message(EventPosition position, string name, string data) => new(position.ToString(), name, data);

    private static int Compare(EventPosition a, EventPosition b) => (a.Tx, a.Seq).CompareTo((b.Tx, b.Seq));

    private static async Task<EventPosition> EndAsync(SlotsDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQueryRaw<EndRow>(EndSql).ToListAsync(cancellationToken);
        return rows is [var row] ? EventFeed.Position(row.Tx, row.Seq) : EventPosition.Start;
    }

    /// <summary>Queues a message for a stream (under the lock); a client too far behind is dropped: its stream ends, and it reconnects.</summary>
    private void Offer(Stream stream, SeatMessage message)
    {
        if (!stream.TryQueue(message))
        {
            stream.End();
            Unregister(stream);
        }
    }

    private void Close(Stream stream)
    {
        lock (_gate)
        {
            Unregister(stream);
        }
    }

    /// <summary>Forgets a stream (under the lock), once: its specialist's list, its address's count and the process's.</summary>
    private void Unregister(Stream stream)
    {
        if (!_byEmail.TryGetValue(stream.Email, out var streams) || !streams.Remove(stream))
        {
            return;
        }

        if (streams.Count == 0)
        {
            _byEmail.Remove(stream.Email);
        }

        _open--;
        if (--_byAddress[stream.Address] == 0)
        {
            _byAddress.Remove(stream.Address);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Reading the events feed for the seat streams failed; trying again.")]
    private partial void LogRoundFailed(Exception exception);

    private sealed record EndRow(string Tx, long Seq);

    /// <summary>What a <c>seats</c> or <c>removed</c> message says of a slot.</summary>
    private sealed record SeatChange(Guid SlotId, int SeatsLeft, int TotalCapacity, string Status);

    /// <summary>One open stream: its queue, and what it has seen (<see cref="After"/>).</summary>
    private sealed class Stream(SeatStreams owner, string email, string address, EventPosition after, IReadOnlyList<SeatMessage> first, int queueLength)
        : ISeatStream
    {
        private readonly Channel<SeatMessage> _queue = Channel.CreateBounded<SeatMessage>(
            new BoundedChannelOptions(queueLength) { SingleWriter = true, SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

        public string Email { get; } = email;

        public string Address { get; } = address;

        /// <summary>The last position the client has seen: nothing at or before it is sent.</summary>
        public EventPosition After { get; set; } = after;

        /// <summary>What the stream is told once the reader has found the feed's end (<c>ready</c> or <c>reset</c>); null once told.</summary>
        public string? Waiting { get; set; }

        public IReadOnlyList<SeatMessage> First { get; } = first;

        public ChannelReader<SeatMessage> Changes => _queue.Reader;

        public bool TryQueue(SeatMessage message) => _queue.Writer.TryWrite(message);

        /// <summary>No more messages: the client reads what is queued, then its stream ends.</summary>
        public void End() => _queue.Writer.TryComplete();

        public void Dispose()
        {
            End();
            owner.Close(this);
        }
    }
}
