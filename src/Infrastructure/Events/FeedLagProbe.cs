using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Slots.Application.Common;
using Slots.Infrastructure.Persistence;

namespace Slots.Infrastructure.Events;

/// <summary>
/// Watches how long the feed is held back. The feed (and the webhooks' fan-out) serves only events of transactions
/// older than every running one, so one long transaction, the service's own or anyone's on the database, holds back every
/// event committed after it began. Every <see cref="Interval"/> this probe asks the database whether committed events wait
/// behind a running transaction, and for how long it has run: that is the <c>slots.feed.lag</c> gauge, and past
/// <see cref="WarnAfter"/> a warning, logged once when it begins and once when it ends.
/// </summary>
internal sealed partial class FeedLagProbe(string connectionString, ILogger<FeedLagProbe> logger) : BackgroundService
{
    /// <summary>One connection of its own, now and then: the probe never waits behind the requests' pool.</summary>
    private readonly NpgsqlDataSource _database = WorkerPools.Create(connectionString, WorkerPools.FeedLag, "feed-lag");

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>A lag long enough to tell someone: longer than any of the service's own transactions may last.</summary>
    public TimeSpan WarnAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Events committed but held back behind the oldest running transaction: that transaction's age; 0 when none wait.</summary>
    private const string LagSql = """
        SELECT CASE WHEN EXISTS (SELECT 1 FROM events WHERE tx >= pg_snapshot_xmin(pg_current_snapshot()))
                    THEN coalesce(extract(epoch FROM now() - (SELECT min(xact_start) FROM pg_stat_activity WHERE backend_xid IS NOT NULL)), 0)
                    ELSE 0 END::float8
        """;

    private int _lagSeconds;
    private bool _warned;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        SlotsMetrics.ObserveFeedLag(() => Volatile.Read(ref _lagSeconds));
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ProbeAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // The database is away: the dispatcher and the requests say so; the lag is unknown until it is back.
            }
        }
    }

    /// <summary>One probe: the lag now, also in the gauge, and a log line when it crosses <see cref="WarnAfter"/>.</summary>
    public async Task<TimeSpan> ProbeAsync(CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand(LagSql);
        var lag = TimeSpan.FromSeconds((double)(await command.ExecuteScalarAsync(cancellationToken))!);
        Volatile.Write(ref _lagSeconds, (int)lag.TotalSeconds);
        if (lag > WarnAfter && !_warned)
        {
            _warned = true;
            LogHeldBack(lag.TotalSeconds);
        }
        else if (lag <= WarnAfter && _warned)
        {
            _warned = false;
            LogCaughtUp();
        }

        return lag;
    }

    public override void Dispose()
    {
        _database.Dispose();
        base.Dispose();
    }

    [LoggerMessage(LogLevel.Warning, "The event feed and the webhooks are held back by a transaction running for {Seconds:0} s: events committed after it began wait for it to end.")]
    private partial void LogHeldBack(double seconds);

    [LoggerMessage(LogLevel.Information, "The event feed is no longer held back.")]
    private partial void LogCaughtUp();
}
