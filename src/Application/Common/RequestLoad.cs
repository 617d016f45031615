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
}
