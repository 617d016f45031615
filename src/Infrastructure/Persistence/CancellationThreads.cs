namespace Slots.Infrastructure.Persistence;

/// <summary>
/// Pool threads kept ready for Npgsql's cancellations. Npgsql cancels a statement that ran past its command timeout on
/// the thread that noticed: it opens a connection for PostgreSQL's cancel request there, synchronously, and behind a
/// network partition that thread waits out the connect timeout (5 s). A request's own statements are cancelled on a thread
/// of their own (<see cref="Application.Common.Waits.LateWork"/>), but the workers' have no budget, only the command
/// timeout. With the pool's usual minimum (one thread per core) a handful of such waits starved every request and timer
/// of the process: in the partition drill answers came 4-6 s late, all at once when the network healed; with one thread
/// ready per connection the process may hold, none was later than 2.3 s. At most one such wait per connection, so that
/// many threads besides the cores' are kept ready; the pool creates them only when work is waiting.
/// </summary>
internal static class CancellationThreads
{
    public static void Reserve(int connections)
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        var wanted = Environment.ProcessorCount + connections;
        if (workers < wanted)
        {
            ThreadPool.SetMinThreads(wanted, completionPorts);
        }
    }
}
