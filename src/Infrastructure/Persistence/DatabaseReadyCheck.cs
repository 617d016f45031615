using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Slots.Application.Common.Waits;

namespace Slots.Infrastructure.Persistence;

/// <summary>
/// Readiness: the database answers. The check is a read like any other, so it waits its turn at the <see cref="ReadGate"/>
/// and never takes one of the connections kept for commands; when too many reads already wait, the process is busy, not
/// broken, and says so (degraded, still 200).
/// </summary>
internal sealed class DatabaseReadyCheck(SlotsDbContext db, ReadGate gate) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await gate.RunAsync(ct => db.Database.CanConnectAsync(ct), cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
        catch (ServiceBusyException busy)
        {
            return HealthCheckResult.Degraded(busy.Message);
        }
    }
}
