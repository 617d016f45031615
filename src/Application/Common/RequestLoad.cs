namespace Slots.Application.Common;

/// <summary>
/// How many requests this process is serving now: the API counts each in and out. Work that can wait (the notifier) gives
/// way while the process is busy, that is while more requests are in flight than it has cores to run them.
/// </summary>
public sealed class RequestLoad
{
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    public bool Busy => InFlight > Environment.ProcessorCount;

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Leave() => Interlocked.Decrement(ref _inFlight);

    /// <summary>
    /// For a request that stays open waiting (a stream of Server-Sent Events): not counted while it waits, counted again
    /// when the returned scope ends, as the middleware that counted it expects.
    /// </summary>
    public IDisposable Waiting()
    {
        Leave();
        return new Counted(this);
    }

    private sealed class Counted(RequestLoad load) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                load.Enter();
            }
        }
    }
}
