using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Polly.CircuitBreaker;
using Slots.Application.Common.Waits;

namespace Slots.Infrastructure.Persistence;

/// <summary>Tells apart "the database cannot be reached right now" from bugs, so the API can answer 503.</summary>
public static class DatabaseFailures
{
    /// <summary>
    /// The server ended the session or is not taking new ones yet; or it takes no writes right now (a node of a
    /// formation between standby and primary, or a primary being demoted): the same work may simply be tried again.
    /// </summary>
    public static readonly string[] SessionEndedCodes =
    [
        PostgresErrorCodes.AdminShutdown, PostgresErrorCodes.CrashShutdown, PostgresErrorCodes.CannotConnectNow,
        PostgresErrorCodes.ReadOnlySqlTransaction,
    ];

    /// <summary>
    /// What a multi-host data source (both nodes of a formation, the primary only) throws when it tries no host at all,
    /// because it still remembers every one as down or as a standby: while no node is primary. Npgsql gives it no type or
    /// code of its own, only this text (its tests hold it), and nothing inside.
    /// </summary>
    private const string NoSuitableHost = "No suitable host was found.";

    /// <summary>
    /// The database gave up on a wait the session's timeouts bound (see <see cref="DependencyInjection"/>): a row
    /// lock held longer than <c>lock_timeout</c> by another process is a busy slot; a statement past
    /// <c>statement_timeout</c> a slow database. Null for anything else.
    /// </summary>
    public static ServiceBusyException? AsBusy(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable }:
                    return ServiceBusyException.SlotBusy(exception);
                case PostgresException { SqlState: PostgresErrorCodes.QueryCanceled }:
                    return new ServiceBusyException(
                        "database_timeout", "The database took too long to answer; try again shortly.", TimeSpan.FromSeconds(1), exception);
            }
        }

        return null;
    }

    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case BrokenCircuitException:
                case RetryLimitExceededException:
                case NpgsqlException { IsTransient: true }:
                case PostgresException { SqlState: var state } when SessionEndedCodes.Contains(state) || state == PostgresErrorCodes.TooManyConnections:
                case SocketException:
                case TimeoutException:
                    return true;
                case NpgsqlException { InnerException: null, Message: NoSuitableHost } when e.GetType() == typeof(NpgsqlException):
                    return true;
            }
        }

        return false;
    }
}
