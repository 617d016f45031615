using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Slots.Application.Common;
using Slots.Application.Common.Waits;
using Slots.Infrastructure.Persistence.Replicas;

namespace Slots.Infrastructure.Persistence;

/// <summary>
/// One transaction per command, run through EF's execution strategy so that a transient failure
/// (a dropped connection, a restarting server) replays the whole command on a clean change tracker.
/// </summary>
/// <remarks>
/// <para>
/// A failure while COMMIT is in flight leaves the outcome unknown: the server may have committed and
/// only the acknowledgement been lost. Replaying then would answer wrongly (a booking that succeeded
/// would come back as <c>already_booked</c>). So each attempt records its PostgreSQL transaction id, and before
/// any replay the strategy asks the server (<c>txid_status</c>) whether that transaction committed; if it
/// did, the attempt's own result is the answer.
/// </para>
/// <para>
/// The id travels in front of the attempt's first query, and COMMIT with the changes (<see cref="CommandRoundTrips"/>),
/// so a command is two round trips: the locks with the load, then the changes with COMMIT.
/// </para>
/// <para>
/// When reads may go to a standby, a command that committed asks the primary for its position afterwards (one more round
/// trip): the answer's token (<see cref="CommitPosition"/>). If that fails, the token names a position no node has reached,
/// so the caller's reads go to the primary.
/// </para>
/// </remarks>
internal sealed class UnitOfWork(SlotsDbContext db, DatabaseCircuit circuit, ReplicaReads? replicas = null, CommitPosition? position = null)
    : IUnitOfWork
{
    /// <summary>
    /// Far below any batch size EF would split at; a command changes a slot and at most one booking, a booking group (at most
    /// <see cref="WaitLimits.MaxBookingGroupSize"/> bookings) each one's booking, event and kept answer besides.
    /// </summary>
    private const int MaxChangesWithCommit = 4 * WaitLimits.MaxBookingGroupSize;

    private static readonly TimeSpan InProgressPoll = TimeSpan.FromMilliseconds(20);

    /// <summary>How long a committed command waits for the primary's position before its answer names none it can know.</summary>
    private static readonly TimeSpan PositionPatience = TimeSpan.FromSeconds(1);

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        // The command is replayed whole after a transient failure, so EF need not buffer the rows it loads.
        var strategy = RetryStrategy.RetriedWhole(db);
        (long TransactionId, T Result)? committing = null;
        try
        {
            var committed = await circuit.RunAsync(budget => strategy.ExecuteAsync(
                work,
                async (_, run, ct) =>
                {
                    committing = null;
                    db.ChangeTracker.Clear();
                    db.RoundTrips.Begin();
                    try
                    {
                        await using var transaction = await db.Database.BeginTransactionAsync(ct);
                        // A failed attempt is replayed whole, so SaveChanges needs no savepoint of its own
                        // (which would cost two more round trips per command).
                        db.Database.AutoSavepointsEnabled = false;
                        var result = await run(ct);
                        committing = (await db.RoundTrips.TransactionIdAsync(db, ct), result);
                        // The changes and COMMIT go out in one round trip when they fit one batch, which a command's few
                        // rows always do. The tracked entities are compared with their snapshots once, here: counting the
                        // entries and saving would each do it again.
                        db.ChangeTracker.DetectChanges();
                        db.ChangeTracker.AutoDetectChangesEnabled = false;
                        try
                        {
                            if (db.ChangeTracker.Entries().Count(e => e.State is not (EntityState.Unchanged or EntityState.Detached))
                                <= MaxChangesWithCommit)
                            {
                                db.RoundTrips.CommitWithNextChanges();
                            }

                            await db.SaveChangesAsync(ct);
                        }
                        finally
                        {
                            db.ChangeTracker.AutoDetectChangesEnabled = true;
                        }

                        if (db.RoundTrips.HasStatementsBehind)
                        {
                            // They go with the changes, and a command that asked for them changed nothing.
                            throw new InvalidOperationException("Statements were to go with changes, and there were none.");
                        }

                        if (!db.RoundTrips.CommitSent)
                        {
                            await transaction.CommitAsync(ct);
                        }

                        return result;
                    }
                    finally
                    {
                        db.RoundTrips.End();
                    }
                },
                async (_, _, ct) => committing is { } attempt && await CommittedAsync(db, attempt.TransactionId, ct)
                    ? new ExecutionResult<T>(true, attempt.Result)
                    : new ExecutionResult<T>(false, default!),
                budget), cancellationToken);
            if (replicas is { Enabled: true } && position is not null)
            {
                await RememberPositionAsync(position, cancellationToken);
            }

            return committed;
        }
        catch (DbUpdateException ex) when (ConstraintViolations.Translate(ex) is { } domainError)
        {
            throw domainError;
        }
    }

    /// <summary>
    /// The primary's position, now that the command has committed: at or past its commit. Asked for at most
    /// <see cref="PositionPatience"/>: the command's answer does not wait on a primary that died after its commit.
    /// </summary>
    private async Task RememberPositionAsync(CommitPosition commit, CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(PositionPatience);
        try
        {
            await db.Database.OpenConnectionAsync(patience.Token);
            try
            {
                commit.Token = (await ReplicaReads.PositionAsync((NpgsqlConnection)db.Database.GetDbConnection(), patience.Token)).ToString();
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The command stands; only where its commit is went unknown.
            commit.Token = ReadPositions.Unknown;
        }
    }

    /// <summary>
    /// Whether the transaction committed. One still "in progress" (the server has not yet noticed that the
    /// connection carrying its COMMIT is gone) is asked about again until it ends or the request's budget does:
    /// read as "not committed", it would be replayed while it may still commit.
    /// </summary>
    internal static async Task<bool> CommittedAsync(DbContext db, long transactionId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await db.Database.SqlQuery<string?>($"SELECT txid_status({transactionId}) AS \"Value\"")
                .SingleAsync(cancellationToken);
            if (status != "in progress")
            {
                return status == "committed";
            }

            await Task.Delay(InProgressPoll, cancellationToken);
        }
    }
}
