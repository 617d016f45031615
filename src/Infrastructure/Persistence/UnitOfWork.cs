using Microsoft.EntityFrameworkCore;
using Slots.Application.Common;

namespace Slots.Infrastructure.Persistence;

/// <summary>
/// One transaction per command, run through EF's execution strategy so that a transient failure
/// (a dropped connection, a restarting server) replays the whole command on a clean change tracker.
/// </summary>
internal sealed class UnitOfWork(SlotsDbContext db) : IUnitOfWork
{
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(
                work,
                async (_, run, ct) =>
                {
                    db.ChangeTracker.Clear();
                    await using var transaction = await db.Database.BeginTransactionAsync(ct);
                    var result = await run(ct);
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                    return result;
                },
                verifySucceeded: null,
                cancellationToken);
        }
        catch (DbUpdateException ex) when (ConstraintViolations.Translate(ex) is { } domainError)
        {
            throw domainError;
        }
    }
}
