using Ardalis.Specification;
using Slots.Application.Slots;
using Slots.Application.Slots.ListAvailableSlots;
using Slots.Domain.Slots;
using Slots.Tests.Shared;

namespace Slots.Application.UnitTests;

/// <summary>
/// The read side over slots in memory: Ardalis's own evaluator applies a specification's criteria, order and limit, then the
/// handler's projection runs as LINQ to objects. The SQL those become is tested on PostgreSQL; this checks what they mean.
/// </summary>
internal sealed class InMemorySlotReader : ISlotReader
{
    public List<Slot> Rows { get; } = [];

    public Task<List<TResult>> ListAsync<TResult>(
        ISpecification<Slot> specification, Func<IQueryable<Slot>, IQueryable<TResult>> projection, CancellationToken cancellationToken) =>
        Task.FromResult(projection(specification.Evaluate(Rows).AsQueryable()).ToList());

    public Task<List<AvailableSlotResponse>> ListAvailableAsync(AvailableSlotsCriteria criteria, CancellationToken cancellationToken) =>
        ListAsync(new AvailableSlotsMeaning(criteria), AvailableSlotsMeaning.RowsAt(criteria.Now), cancellationToken);
}
