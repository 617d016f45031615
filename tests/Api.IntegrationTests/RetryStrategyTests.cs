using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Slots.Infrastructure.Persistence;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// The pauses of the strategy every command and read runs in, read from EF's own "retrying" events: which failures
/// are tried again at once, which after a pause, and when it gives up. No database is involved; the operation fails
/// the way Npgsql does.
/// </summary>
public class RetryStrategyTests
{
    /// <summary>
    /// Every connection of the pool cut at once (a failover, the drill's pg_terminate_backend): each attempt takes the
    /// next dead one from the pool, and waiting between them repairs nothing. They used to pause 250 ms from the second
    /// on, a second in all for a pool of 8, which under the drill's cuts pushed bookings past their budget.
    /// </summary>
    [Fact]
    public async Task Sessions_the_server_ended_are_tried_again_at_once_however_many_in_a_row()
    {
        var (result, pauses) = await RunAsync(failures: 8, () => Ended());

        Assert.Equal("done", result);
        Assert.Equal(Enumerable.Repeat(TimeSpan.Zero, 8), pauses);
    }

    [Fact]
    public async Task A_server_that_refuses_connections_is_tried_again_at_once_then_after_pauses()
    {
        var (result, pauses) = await RunAsync(failures: 3, () => new NpgsqlException("Failed to connect", new SocketException(111)));

        Assert.Equal("done", result);
        Assert.Equal([TimeSpan.Zero, RetryStrategy.LongestPause, RetryStrategy.LongestPause], pauses);
    }

    [Fact]
    public async Task Ended_sessions_are_given_up_on_after_their_own_limit()
    {
        var pauses = new List<TimeSpan>();

        await Assert.ThrowsAsync<RetryLimitExceededException>(
            () => RunAsync(failures: RetryStrategy.MaxRetriesAfterEndedSessions + 1, () => Ended(), pauses));

        Assert.Equal(RetryStrategy.MaxRetriesAfterEndedSessions, pauses.Count);
    }

    private static PostgresException Ended() =>
        new("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown);

    private static async Task<(string Result, List<TimeSpan> Pauses)> RunAsync(
        int failures, Func<Exception> failure, List<TimeSpan>? pauses = null)
    {
        pauses ??= [];
        var recorded = pauses;
        await using var db = new SlotsDbContext(new DbContextOptionsBuilder<SlotsDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=never-opened")
            .LogTo((id, _) => id == CoreEventId.ExecutionStrategyRetrying, e => recorded.Add(((ExecutionStrategyEventData)e).Delay))
            .Options);
        var attempts = 0;

        var result = await RetryStrategy.RetriedWhole(db).ExecuteAsync(
            0,
            (_, _, _) => ++attempts <= failures ? Task.FromException<string>(failure()) : Task.FromResult("done"),
            null,
            default);

        return (result, pauses);
    }
}
