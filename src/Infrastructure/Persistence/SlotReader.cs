using Microsoft.EntityFrameworkCore;
using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence;

internal sealed class SlotReader(SlotsDbContext db) : ISlotReader
{
    public Task<List<TResult>> ListAsync<TResult>(
        Specification<Slot> specification,
        Func<IQueryable<Slot>, IQueryable<TResult>> projection,
        CancellationToken cancellationToken) =>
        // One operation of the execution strategy: a transient failure runs the whole query again. A query
        // run on its own would also be retried, but EF would first copy every row into a buffer.
        db.Database.CreateExecutionStrategy().ExecuteAsync(
            (specification, projection),
            (args, ct) => args.specification is CompiledSpecification<Slot> compiled
                ? SpecificationCompiler.Run(db, compiled, args.projection).ToListAsync(ct).AsTask()
                : projection(SpecificationEvaluator.Apply(db.Slots.AsNoTracking(), args.specification)).ToListAsync(ct),
            cancellationToken);
}
