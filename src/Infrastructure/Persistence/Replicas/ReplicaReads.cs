using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Slots.Infrastructure.Persistence.Replicas;

/// <summary>
/// Which node a read that may be a moment old goes to: a standby that has replayed what the primary had
/// <see cref="ReplicaOptions.MaxLag"/> ago and, when the caller names a commit (its <c>Slots-Read-After</c> token), that
/// commit too; else the primary. Npgsql finds the standby (<c>Target Session Attributes=prefer-standby</c> on a data source
/// of its own); PostgreSQL says how far it has replayed.
/// </summary>
/// <remarks>
/// <para>
/// Every <see cref="ReplicaOptions.ProbeInterval"/> the probe asks the primary for its WAL position, then the standby for
/// its replay position. A standby that has replayed past a position the primary had at instant <c>t</c> holds every commit
/// acknowledged before <c>t</c>: it is at most <c>now - t</c> behind, however quiet or busy the primary is (a time taken
/// from <c>pg_last_xact_replay_timestamp()</c> would grow on a quiet primary, and one from <c>pg_stat_replication</c> stays
/// as it was while replay is held). Its age is judged when a read asks, so a probe that hangs (a partition) lets the
/// standby go stale on its own.
/// </para>
/// <para>
/// A read is sent to the standby the probe measured: the connection Npgsql opens must be to that host and port, or the read
/// goes to the primary. A read that fails on the standby stops reads there until the next probe finds it again.
/// </para>
/// </remarks>
internal sealed partial class ReplicaReads : BackgroundService
{
    private const string PrimaryPositionSql = "SELECT pg_current_wal_insert_lsn()";
    private const string ReplayedSql = "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()";

    private readonly NpgsqlDataSource? _standbys;
    private readonly NpgsqlDataSource? _primary;
    private readonly ReplicaOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<ReplicaReads> _logger;

    /// <summary>The primary's positions of the last probes, newest last, with when each was read.</summary>
    private readonly Queue<(long At, NpgsqlLogSequenceNumber Position)> _positions = new();

    private Standby? _standby;

    /// <summary>Whether the probe has failed for a reason not the network's since it last succeeded (said once).</summary>
    private bool _broken;

    public ReplicaReads(string connectionString, ReplicaOptions options, TimeProvider clock, ILogger<ReplicaReads> logger)
    {
        (_options, _clock, _logger) = (options, clock, logger);
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!options.IsOn(settings))
        {
            return;
        }

        settings.TargetSessionAttributes = "prefer-standby";
        settings.ApplicationName = (settings.ApplicationName ?? "slots") + "-replica";
        _standbys = NpgsqlDataSource.Create(settings);
        _primary = WorkerPools.Create(connectionString, WorkerPools.ReplicaProbe, "replica-probe");
    }

    /// <summary>Whether reads may go to a standby; when they may, every command's answer names its commit.</summary>
    public bool Enabled => _standbys is not null;

    /// <summary>The standby the last probe measured, or null when it found none (or a read on it failed since).</summary>
    private Standby? Known => Volatile.Read(ref _standby);

    /// <summary>
    /// An open connection to a standby fit for a read that must see <paramref name="after"/> (a commit's position), or null:
    /// read from the primary.
    /// </summary>
    public async Task<(NpgsqlConnection Connection, Standby Node)?> OpenAsync(NpgsqlLogSequenceNumber? after, CancellationToken cancellationToken)
    {
        if (_standbys is null || Known is not { } standby || !Fits(standby, after))
        {
            return null;
        }

        NpgsqlConnection? connection = null;
        try
        {
            connection = await _standbys.OpenConnectionAsync(cancellationToken);
            if (connection.Host == standby.Host && connection.Port == standby.Port)
            {
                return (connection, standby);
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            Distrust(standby);
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        return null;
    }

    /// <summary>A read on <paramref name="standby"/> failed: none goes there until a probe finds it well again.</summary>
    public void Distrust(Standby standby) => Interlocked.CompareExchange(ref _standby, null, standby);

    /// <summary>The primary's position now: at or past every commit acknowledged so far (one round trip on <paramref name="primary"/>).</summary>
    public static async Task<NpgsqlLogSequenceNumber> PositionAsync(NpgsqlConnection primary, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PrimaryPositionSql, primary);
        return (NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private bool Fits(Standby standby, NpgsqlLogSequenceNumber? after) =>
        _clock.GetElapsedTime(standby.CurrentAsOf) <= _options.MaxLag && (after is not { } position || standby.Replayed >= position);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_standbys is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.ProbeInterval, _clock);
        do
        {
            try
            {
                await ProbeAsync(stoppingToken);
                _broken = false;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // The primary or the standby is away: the standby goes stale on its own (Fits), or was found missing.
                LogProbeFailed(e);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Not the network: a fault of this probe's, said once until a probe succeeds. Reads go to the primary
                // meanwhile; the host stays up, since a failed background service would stop it.
                if (!_broken)
                {
                    _broken = true;
                    LogProbeBroken(e);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Debug, "The standby probe failed; the customers' view is read from the primary until it succeeds.")]
    private partial void LogProbeFailed(Exception exception);

    [LoggerMessage(LogLevel.Warning, "The standby probe broke; the customers' view is read from the primary until it succeeds.")]
    private partial void LogProbeBroken(Exception exception);

    /// <summary>One probe: the primary's position, then how far the standby has replayed, and so how current it is.</summary>
    internal async Task ProbeAsync(CancellationToken cancellationToken)
    {
        var at = _clock.GetTimestamp();
        await using (var primary = await _primary!.OpenConnectionAsync(cancellationToken))
        {
            Remember(at, await PositionAsync(primary, cancellationToken));
        }

        try
        {
            await using var connection = await _standbys!.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(ReplayedSql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            // Not in recovery: Npgsql found no standby and gave the primary, which the requests' own pool reads from.
            var found = reader.GetBoolean(0) && !reader.IsDBNull(1)
                ? Measured(connection.Host!, connection.Port, reader.GetFieldValue<NpgsqlLogSequenceNumber>(1))
                : null;
            Volatile.Write(ref _standby, found);
        }
        catch
        {
            Volatile.Write(ref _standby, null);
            throw;
        }
    }

    private void Remember(long at, NpgsqlLogSequenceNumber position)
    {
        lock (_positions)
        {
            _positions.Enqueue((at, position));
            // The oldest kept is older than the bound: any standby further behind is unfit anyway.
            while (_positions.Count > 2 && _clock.GetElapsedTime(_positions.ElementAt(1).At) > _options.MaxLag)
            {
                _positions.Dequeue();
            }
        }
    }

    /// <summary>The standby at <paramref name="replayed"/>, current as of the last probe whose primary position it has passed.</summary>
    private Standby? Measured(string host, int port, NpgsqlLogSequenceNumber replayed)
    {
        lock (_positions)
        {
            foreach (var (at, position) in _positions.Reverse())
            {
                if (position <= replayed)
                {
                    return new Standby(host, port, replayed, at);
                }
            }

            return null;
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _standbys?.Dispose();
        _primary?.Dispose();
    }

    /// <summary>A standby: where it is, how far it has replayed, and the instant (a timestamp) it holds every commit before.</summary>
    internal sealed record Standby(string Host, int Port, NpgsqlLogSequenceNumber Replayed, long CurrentAsOf);
}
