using Polly;
using Polly.RateLimiting;
using Slots.Application.Common.Waits;

namespace Slots.Infrastructure.Persistence;

/// <summary>
/// Reads may hold all but <see cref="KeptForCommands"/> of the process's connections at once (Polly's concurrency
/// limiter); the rest wait here in arrival order, within their request's budget. So however many anonymous reads
/// arrive, bookings and the other commands always find a connection: one to hold a slot's row lock and one to wait
/// for it, as <see cref="SlotQueue"/> lets through.
/// </summary>
public sealed class ReadGate
{
    /// <summary>Connections reads never take: what one busy slot's commands need at once.</summary>
    public const int KeptForCommands = SlotQueue.CommandsInFlightPerSlot;

    /// <summary>Reads that may wait for a connection; more answer 503 <c>reads_busy</c> at once.</summary>
    public const int WaitingReadsPerPermit = 32;

    public ReadGate(int poolSize)
    {
        Permits = Math.Max(1, poolSize - KeptForCommands);
        Pipeline = new ResiliencePipelineBuilder().AddConcurrencyLimiter(Permits, Permits * WaitingReadsPerPermit).Build();
    }

    /// <summary>How many reads may use a connection at once.</summary>
    public int Permits { get; }

    /// <summary>Runs <paramref name="read"/> once a read may use a connection.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            return await Pipeline.ExecuteAsync(static async (read, ct) => await read(ct), read, cancellationToken);
        }
        catch (RateLimiterRejectedException rejected)
        {
            throw new ServiceBusyException(
                "reads_busy", "Too many reads are waiting for the database; try again shortly.", TimeSpan.FromSeconds(1), rejected);
        }
    }

    private ResiliencePipeline Pipeline { get; }
}
