using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Slots.Infrastructure.Persistence;

/// <summary>Tells apart "the database cannot be reached right now" from bugs, so the API can answer 503.</summary>
public static class DatabaseFailures
{
    /// <summary>The server ended the session or is not taking new ones yet; the same work may simply be tried again.</summary>
    public static readonly string[] SessionEndedCodes =
        [PostgresErrorCodes.AdminShutdown, PostgresErrorCodes.CrashShutdown, PostgresErrorCodes.CannotConnectNow];

    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case RetryLimitExceededException:
                case NpgsqlException { IsTransient: true }:
                case PostgresException { SqlState: var state } when SessionEndedCodes.Contains(state) || state == PostgresErrorCodes.TooManyConnections:
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }
}
