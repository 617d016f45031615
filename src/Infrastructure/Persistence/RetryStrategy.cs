using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;
using Slots.Application.Common;

namespace Slots.Infrastructure.Persistence;

/// <summary>
/// Npgsql's retrying strategy (5 retries: at once, then at most <see cref="LongestPause"/> apart, so all of them fit
/// well inside a request's budget), with two additions. Sessions the server
/// ends are retried too (<see cref="DatabaseFailures.SessionEndedCodes"/>: pg_terminate_backend, a shutdown,
/// a server still starting, a node taking no writes during a failover). And a transient failure counts even when it arrives wrapped: a connection cut
/// during a command can surface at COMMIT as an <see cref="ObjectDisposedException"/> of the transaction,
/// with the server's error inside it. Replaying is safe because the unit of work first asks whether the
/// lost attempt committed.
/// </summary>
internal sealed class RetryStrategy(ExecutionStrategyDependencies dependencies, bool queriesRetriedAlone = true)
    : NpgsqlRetryingExecutionStrategy(dependencies, MaxRetries, LongestPause, DatabaseFailures.SessionEndedCodes)
{
    public const int MaxRetries = 5;

    /// <summary>How often a session the server ended is tried again at most (the request's budget ends it sooner).</summary>
    public const int MaxRetriesAfterEndedSessions = 20;

    /// <summary>
    /// The longest pause between two attempts. A cut connection is repaired by the first retry, which runs at once;
    /// a database that is down stays down for longer than any pause a request can afford, and the circuit breaker
    /// answers for it after a few requests (see <see cref="DatabaseCircuit"/>).
    /// </summary>
    public static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The strategy for an operation on <paramref name="db"/> that is replayed whole after a failure: a command
    /// (<see cref="UnitOfWork"/>) or a read (<see cref="SlotReader"/>).
    /// </summary>
    public static RetryStrategy RetriedWhole(DbContext db) => new(db.GetService<ExecutionStrategyDependencies>(), queriesRetriedAlone: false);

    /// <summary>
    /// Whether one query may be retried on its own, part-way through an operation. EF asks the outermost strategy, and
    /// when the answer is yes it copies every row a query reads before handing any over, so that a retry cannot hand
    /// rows over twice. An operation replayed whole has no use for that copy: it is still retried, as a whole.
    /// </summary>
    public override bool RetriesOnFailure => queriesRetriedAlone && base.RetriesOnFailure;

    /// <summary>
    /// A session the server ended while it still answers (pg_terminate_backend, a failover's kill) is tried again at
    /// once, every time, as long as the request's budget and <see cref="MaxRetriesAfterEndedSessions"/> last: each
    /// attempt takes the next pooled connection or a fresh one, and waiting repairs nothing. When every connection of
    /// the pool was cut, the attempts walk through the dead ones first; pausing between them (Npgsql's schedule, which
    /// this used to keep for the first five) cost a booking a second for a pool of 8. Any other failure keeps
    /// Npgsql's count and pauses.
    /// </summary>
    protected override TimeSpan? GetNextDelay(Exception lastException) =>
        EndedByServer(lastException)
            ? ExceptionsEncountered.Count <= MaxRetriesAfterEndedSessions ? TimeSpan.Zero : null
            : base.GetNextDelay(lastException);

    private static bool EndedByServer(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown })
            {
                return true;
            }
        }

        return false;
    }

    protected override void OnRetry()
    {
        SlotsMetrics.Retries.Add(1);
        base.OnRetry();
    }

    /// <remarks>
    /// Never a row lock the session's <c>lock_timeout</c> gave up on: Npgsql counts it transient, but the holder is
    /// still there, and each retry would wait out the timeout again, four times over for one booking.
    /// </remarks>
    protected override bool ShouldRetryOn(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable })
            {
                return false;
            }

            if (base.ShouldRetryOn(e))
            {
                return true;
            }
        }

        return false;
    }
}
