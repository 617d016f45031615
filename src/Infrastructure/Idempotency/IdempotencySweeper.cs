using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Slots.Application.Common.Idempotency;
using Slots.Infrastructure.Persistence;

namespace Slots.Infrastructure.Idempotency;

/// <summary>Deletes the answers kept longer than a key lives (24 h), every <see cref="Interval"/>, in every process.</summary>
internal sealed partial class IdempotencySweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdempotencySweeper> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    /// <summary>One sweep: the number of answers forgotten.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlotsDbContext>();
        var expired = clock.GetUtcNow().UtcDateTime - IdempotencyContext.Lifetime;
        return await db.Set<IdempotencyRecord>().Where(r => r.CreatedAt <= expired).ExecuteDeleteAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var swept = await SweepAsync(stoppingToken);
                LogSwept(swept);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be down; the next tick tries again.
                LogFailed(e);
            }
        }
    }

    [LoggerMessage(LogLevel.Debug, "Forgot {Count} expired idempotency keys.")]
    private partial void LogSwept(int count);

    [LoggerMessage(LogLevel.Warning, "Sweeping expired idempotency keys failed; trying again at the next tick.")]
    private partial void LogFailed(Exception exception);
}
