using Ardalis.Specification;
using Slots.Application.Slots.ListAvailableSlots;
using Slots.Domain.Slots;

namespace Slots.Application.Slots;

/// <summary>The read side: untracked rows, filtered by a specification and projected straight into DTOs.</summary>
public interface ISlotReader
{
    Task<List<TResult>> ListAsync<TResult>(
        ISpecification<Slot> specification,
        Func<IQueryable<Slot>, IQueryable<TResult>> projection,
        CancellationToken cancellationToken);

    /// <summary>
    /// The customers' view, the hottest read: the rows <paramref name="criteria"/> describe, soonest first, read by one
    /// prepared statement without EF's query pipeline or an expression tree.
    /// </summary>
    Task<List<AvailableSlotResponse>> ListAvailableAsync(AvailableSlotsCriteria criteria, CancellationToken cancellationToken);
}
