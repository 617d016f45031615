using Npgsql;

namespace Slots.Infrastructure.Persistence;

/// <summary>The small connection pools of the background workers, apart from the requests' pool.</summary>
internal static class WorkerPools
{
    public const int Webhooks = 4;
    public const int Notifier = 2;
    public const int FeedLag = 1;
    public const int ReplicaProbe = 1;

    /// <summary>Every connection the workers may hold at once, each pool at its size.</summary>
    public const int All = Webhooks + Notifier + FeedLag + ReplicaProbe;

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
