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
        specification is CompiledSpecification<Slot> compiled
            ? SpecificationCompiler.Run(db, compiled, projection).ToListAsync(cancellationToken).AsTask()
            : projection(SpecificationEvaluator.Apply(db.Slots.AsNoTracking(), specification)).ToListAsync(cancellationToken);
}
