using Ardalis.Specification;
using Slots.Domain.Slots;

namespace Slots.Application.Common;

/// <summary>The read side: untracked rows, filtered by a specification and projected straight into DTOs.</summary>
public interface ISlotReader
{
    Task<List<TResult>> ListAsync<TResult>(
        ISpecification<Slot> specification,
        Func<IQueryable<Slot>, IQueryable<TResult>> projection,
        CancellationToken cancellationToken);

    /// <summary>The same for a specification whose query is compiled once per type.</summary>
    Task<List<TResult>> ListAsync<TSpecification, TResult>(
        TSpecification specification,
        Func<IQueryable<Slot>, IQueryable<TResult>> projection,
        CancellationToken cancellationToken)
        where TSpecification : ICompiledSpecification<TSpecification, Slot>;
}
