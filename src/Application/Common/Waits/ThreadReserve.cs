namespace Slots.Application.Common.Waits;

/// <summary>
/// Pool threads kept ready while the database does not answer. Npgsql cancels a statement that ran past its command
/// timeout on the thread that noticed: it opens a connection for PostgreSQL's cancel request there, synchronously, and
/// behind a network partition that thread waits out the connect timeout (5 s). A request's own statements are cancelled on
/// a thread of their own (<see cref="LateWork"/>), but the workers' have only the command timeout, and with the pool's
/// usual minimum (one thread per core) a handful of such waits starved every request and timer of the process: in the
/// partition drill answers came 4-6 s late, all at once when the network healed. Kept ready for good (one thread per
/// connection besides the cores'), the reserve cost the hot slot half its bookings at 8 clients (248 and 231 against 526
/// per s: idle threads woken for every short piece of work take the cores PostgreSQL needs). So it is raised only when a
/// request had to leave its work behind (<see cref="LateWork"/>), the sign that the database stopped answering, some
/// seconds before the workers' command timeouts run out; and lowered again once no request has done so for <see cref="Hold"/>.
/// </summary>
/// <param name="threads">One per database connection the process may hold (the infrastructure counts its pools).</param>
public sealed class ThreadReserve(int threads)
{
    public static readonly TimeSpan Hold = TimeSpan.FromSeconds(30);

    private static readonly Lock Gate = new();
    private static int _usual = -1;
    private static ITimer? _lower;

    /// <summary>Whether the reserve is up now.</summary>
    public static bool Raised
    {
        get
        {
            lock (Gate)
            {
                return _usual >= 0;
            }
        }
    }

    /// <summary>Keeps the pool's minimum at the cores plus <c>threads</c> until <see cref="Hold"/> after the last call.</summary>
    public void Raise()
    {
        lock (Gate)
        {
            ThreadPool.GetMinThreads(out var workers, out var completionPorts);
            if (_usual < 0)
            {
                _usual = workers;
            }

            var wanted = Environment.ProcessorCount + threads;
            if (workers < wanted)
            {
                ThreadPool.SetMinThreads(wanted, completionPorts);
            }

            _lower?.Dispose();
            _lower = TimeProvider.System.CreateTimer(static _ => Lower(), null, Hold, Timeout.InfiniteTimeSpan);
        }
    }

    private static void Lower()
    {
        lock (Gate)
        {
            if (_usual >= 0)
            {
                ThreadPool.GetMinThreads(out _, out var completionPorts);
                ThreadPool.SetMinThreads(_usual, completionPorts);
                _usual = -1;
            }

            _lower?.Dispose();
            _lower = null;
        }
    }
}
