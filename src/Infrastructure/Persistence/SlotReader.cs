using Ardalis.Specification;
using Microsoft.EntityFrameworkCore;
using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence;

internal sealed class SlotReader(SlotsDbContext db, DatabaseCircuit circuit, ReadGate gate) : ISlotReader
{
    public Task<List<TResult>> ListAsync<TResult>(
        ISpecification<Slot> specification,
        Func<IQueryable<Slot>, IQueryable<TResult>> projection,
        CancellationToken cancellationToken) =>
        WholeRead(
            ct => projection(SpecificationEvaluator.Apply(db.Slots.AsNoTracking(), specification)).ToListAsync(ct), cancellationToken);

    public Task<List<TResult>> ListAsync<TSpecification, TResult>(
        TSpecification specification,
        Func<IQueryable<Slot>, IQueryable<TResult>> projection,
        CancellationToken cancellationToken)
        where TSpecification : ICompiledSpecification<TSpecification, Slot> =>
        WholeRead(ct => SpecificationCompiler.Run(db, specification, projection).ToListAsync(ct).AsTask(), cancellationToken);

    private Task<List<TResult>> WholeRead<TResult>(Func<CancellationToken, Task<List<TResult>>> read, CancellationToken cancellationToken) =>
        WholeRead(db, circuit, gate, read, cancellationToken);

    /// <summary>
    /// How every read runs: the whole query is retried after a transient failure, so EF need not buffer its rows to
    /// retry part-way; the gate first, so a read waiting for its turn holds no connection; inside the circuit breaker.
    /// </summary>
    internal static Task<List<TResult>> WholeRead<TResult>(
        SlotsDbContext db, DatabaseCircuit circuit, ReadGate gate, Func<CancellationToken, Task<List<TResult>>> read,
        CancellationToken cancellationToken) =>
        gate.RunAsync(
            ct => circuit.RunAsync(
                budget => RetryStrategy.RetriedWhole(db).ExecuteAsync(read, static (_, read, ct) => read(ct), null, budget),
                ct),
            cancellationToken);
}
