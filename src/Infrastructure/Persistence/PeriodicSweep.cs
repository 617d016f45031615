using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Slots.Infrastructure.Persistence;

/// <summary>
/// A clean-up that runs every <see cref="Period"/> (<see cref="Interval"/> unless it says otherwise) in every process (two processes sweeping at once delete each row
/// once). A sweep that fails, say while the database is down, is tried again at the next tick.
/// </summary>
internal abstract partial class PeriodicSweep(TimeProvider clock, ILogger logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected TimeProvider Clock { get; } = clock;

    /// <summary>How long between two sweeps.</summary>
    protected virtual TimeSpan Period => Interval;

    /// <summary>What a sweep forgets, for the logs: "expired idempotency keys".</summary>
    protected abstract string Swept { get; }

    /// <summary>One sweep: the number of rows forgotten.</summary>
    public abstract Task<int> SweepAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="batch"/> (a delete of at most <paramref name="size"/> rows) until one deletes fewer: the rows
    /// all go, and no statement holds its locks for long. Returns how many went.
    /// </summary>
    internal static async Task<int> InBatchesAsync(int size, Func<Task<int>> batch)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await batch();
            total += deleted;
        }
        while (deleted == size);

        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, Clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                LogSwept(await SweepAsync(stoppingToken), Swept);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e, Swept);
            }
        }
    }

    [LoggerMessage(LogLevel.Debug, "Forgot {Count} {Swept}.")]
    private partial void LogSwept(int count, string swept);

    [LoggerMessage(LogLevel.Warning, "Sweeping {Swept} failed; trying again at the next tick.")]
    private partial void LogFailed(Exception exception, string swept);
}
