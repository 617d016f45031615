using System.Diagnostics.Metrics;

namespace Slots.Application.Common;

/// <summary>
/// The service's own metrics, on the meter <see cref="MeterName"/> (the API exports it with OpenTelemetry, next to
/// ASP.NET Core's request metrics): bookings and cancellations committed, 409 answers by <c>code</c>, retries of a
/// dropped connection, the wait in a slot's queue and for its row lock, the size of booking groups, and, observed, the queue's depth and the
/// circuit breaker's state.
/// </summary>
public static class SlotsMetrics
{
    public const string MeterName = "Slots";

    private static readonly Meter Meter = new(MeterName, "1.0.0");

    public static readonly Counter<long> Bookings =
        Meter.CreateCounter<long>("slots.bookings", "{booking}", "Bookings committed.");

    public static readonly Counter<long> Cancellations =
        Meter.CreateCounter<long>("slots.cancellations", "{booking}", "Cancellations committed.");

    public static readonly Counter<long> Conflicts =
        Meter.CreateCounter<long>("slots.conflicts", "{answer}", "409 answers, by their code.");

    public static readonly Counter<long> Retries =
        Meter.CreateCounter<long>("slots.db.retries", "{retry}", "Commands and reads tried again after a transient database failure.");

    public static readonly Histogram<double> QueueWait =
        Meter.CreateHistogram<double>("slots.queue.wait", "ms", "Time a command waited in its slot's queue.");

    public static readonly Histogram<double> LockWait =
        Meter.CreateHistogram<double>("slots.lock.wait", "ms", "The round trip that takes a slot's row lock (and loads it), waits included.");

    public static readonly Histogram<int> BookingGroupSize =
        Meter.CreateHistogram<int>("slots.booking.group.size", "{booking}", "Bookings of one slot made in one transaction (groups of two or more).");

    private static readonly List<Func<int>> QueueDepths = [];
    private static readonly List<Func<int>> CircuitStates = [];
    private static readonly List<Func<int>> FeedLags = [];

    static SlotsMetrics()
    {
        Meter.CreateObservableGauge("slots.queue.depth", () => Observe(QueueDepths).Sum(), "{command}",
            "Commands in flight or waiting in the slot queues.");
        Meter.CreateObservableGauge("slots.circuit.state", () => Observe(CircuitStates).DefaultIfEmpty().Max(), "{state}",
            "The database circuit breaker: 0 closed, 1 open, 2 half-open (a probe is out).");
        Meter.CreateObservableGauge("slots.feed.lag", () => Observe(FeedLags).DefaultIfEmpty().Max(), "s",
            "How long the event feed has been held back by a transaction still running (0 when it is not).");
    }

    /// <summary>Adds a probe of the feed's lag, in whole seconds (FeedLagProbe).</summary>
    public static void ObserveFeedLag(Func<int> seconds) => Add(FeedLags, seconds);

    /// <summary>Adds a slot queue to the observed depth (one per process; the tests start several).</summary>
    public static void ObserveQueueDepth(Func<int> depth) => Add(QueueDepths, depth);

    /// <summary>Adds a circuit breaker to the observed state (0 closed, 1 open, 2 half-open).</summary>
    public static void ObserveCircuitState(Func<int> state) => Add(CircuitStates, state);

    public static double MillisecondsSince(long timestamp) => System.Diagnostics.Stopwatch.GetElapsedTime(timestamp).TotalMilliseconds;

    private static void Add(List<Func<int>> list, Func<int> source)
    {
        lock (list)
        {
            list.Add(source);
        }
    }

    private static int[] Observe(List<Func<int>> list)
    {
        lock (list)
        {
            return [.. list.Select(f => f())];
        }
    }
}
