using Ardalis.Specification;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Slots.Application.Slots;
using Slots.Application.Slots.ListAvailableSlots;
using Slots.Domain.Slots;
using Slots.Infrastructure.Persistence.Replicas;

namespace Slots.Infrastructure.Persistence;

internal sealed class SlotReader(SlotsDbContext db, DatabaseCircuit circuit, ReadGate gate, ReplicaReads? replicas = null) : ISlotReader
{
    public Task<List<TResult>> ListAsync<TResult>(
        ISpecification<Slot> specification,
        Func<IQueryable<Slot>, IQueryable<TResult>> projection,
        CancellationToken cancellationToken) =>
        WholeRead(
            ct => projection(SpecificationEvaluator.Apply(db.Slots.AsNoTracking(), specification)).ToListAsync(ct), cancellationToken);

    /// <summary>
    /// The customers' view: from a standby when one is current enough (<see cref="ReplicaReads"/>), else, or when the
    /// standby fails the read, from the primary as every other read.
    /// </summary>
    public Task<List<AvailableSlotResponse>> ListAvailableAsync(AvailableSlotsCriteria criteria, CancellationToken cancellationToken) =>
        WholeRead(
            async ct =>
            {
                // A token of another shape (the API refuses those) names no position that can be known: the primary reads it.
                var after = criteria.ReadAfter is null ? (NpgsqlLogSequenceNumber?)null
                    : NpgsqlLogSequenceNumber.TryParse(criteria.ReadAfter, out var position) ? position : new NpgsqlLogSequenceNumber(ulong.MaxValue);
                if (replicas is not null && await replicas.OpenAsync(after, ct) is { } standby)
                {
                    try
                    {
                        await using (standby.Connection)
                        {
                            return await AvailableSlotsStatement.ReadAsync(standby.Connection, criteria, ct);
                        }
                    }
                    catch (Exception e) when (e is NpgsqlException or TimeoutException && !ct.IsCancellationRequested)
                    {
                        replicas.Distrust(standby.Node);
                    }
                }

                // EF opens and closes the context's connection, so its pool and state tracking stay in charge of it.
                await db.Database.OpenConnectionAsync(ct);
                try
                {
                    return await AvailableSlotsStatement.ReadAsync((NpgsqlConnection)db.Database.GetDbConnection(), criteria, ct);
                }
                finally
                {
                    await db.Database.CloseConnectionAsync();
                }
            },
            cancellationToken);

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
