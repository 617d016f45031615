using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Slots.Application.Common.Idempotency;
using Slots.Infrastructure.Persistence;

namespace Slots.Infrastructure.Idempotency;

/// <summary>Deletes the answers kept longer than a key lives (24 h).</summary>
internal sealed class IdempotencySweeper(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdempotencySweeper> logger)
    : PeriodicSweep(clock, logger)
{
    protected override string Swept => "expired idempotency keys";

    public override async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SlotsDbContext>();
        var expired = Clock.GetUtcNow().UtcDateTime - IdempotencyKeys.Lifetime;
        return await db.Set<IdempotencyRecord>().Where(r => r.CreatedAt <= expired).ExecuteDeleteAsync(cancellationToken);
    }
}
