using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence;

internal sealed class SlotReader(SlotsDbContext db) : ISlotReader
{
    public Task<List<TResult>> ListAsync<TResult>(
        Specification<Slot> specification,
        Func<IQueryable<Slot>, IQueryable<TResult>> projection,
        CancellationToken cancellationToken) =>
        // The whole query is retried after a transient failure, so EF need not buffer its rows to retry part-way.
        new RetryStrategy(db.GetService<ExecutionStrategyDependencies>(), wholeReads: true).ExecuteAsync(
            (specification, projection),
            (_, args, ct) => args.specification is CompiledSpecification<Slot> compiled
                ? SpecificationCompiler.Run(db, compiled, args.projection).ToListAsync(ct).AsTask()
                : args.projection(SpecificationEvaluator.Apply(db.Slots.AsNoTracking(), args.specification)).ToListAsync(ct),
            null,
            cancellationToken);
}
