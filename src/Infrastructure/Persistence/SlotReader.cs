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
        projection(SpecificationEvaluator.Apply(db.Slots.AsNoTracking(), specification)).ToListAsync(cancellationToken);
}
