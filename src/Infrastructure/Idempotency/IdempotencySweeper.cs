using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Slots.Application.Common.Idempotency;
using Slots.Infrastructure.Persistence;

namespace Slots.Infrastructure.Idempotency;

/// <summary>
/// Deletes the answers kept longer than a key lives (24 h), oldest first, in batches of <see cref="Batch"/> (through the
/// <c>created_at</c> index), so that a sweep after a busy day holds no lock for long nor runs past the statement timeout.
/// </summary>
internal sealed class IdempotencySweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdempotencySweeper> logger)
    : PeriodicSweep(clock, logger)
{
    public const int Batch = 10_000;

    protected override string Swept => "expired idempotency keys";

    public override async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlotsDbContext>();
        var expired = Clock.GetUtcNow().UtcDateTime - IdempotencyKeys.Lifetime;
        return await InBatchesAsync(Batch, () => db.Set<IdempotencyRecord>()
            .Where(r => db.Set<IdempotencyRecord>().Where(o => o.CreatedAt <= expired).OrderBy(o => o.CreatedAt).Take(Batch)
                .Any(o => o.Scope == r.Scope && o.Operation == r.Operation && o.Key == r.Key))
            .ExecuteDeleteAsync(cancellationToken));
    }
}
