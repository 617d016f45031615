using Npgsql;

namespace Slots.Infrastructure.Persistence;

/// <summary>The small connection pools of the background workers, apart from the requests' pool.</summary>
internal static class WorkerPools
{
    /// <summary>
    /// A worker's own pool of <paramref name="size"/>, named after it in <c>pg_stat_activity</c> (the connection string's
    /// application name and <c>-{worker}</c>): it never queues behind the requests, nor they behind it. No JIT: a worker
    /// polls the same few statements again and again, and on tables never analyzed (a new database) the planner can judge
    /// one costly enough to JIT-compile on every poll (docs/performance.md).
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString, int size, string worker)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = size };
        builder.ApplicationName = (builder.ApplicationName ?? "slots") + "-" + worker;
        builder.Options = $"{builder.Options} -c jit=off".Trim();
        return NpgsqlDataSource.Create(builder);
    }
}
