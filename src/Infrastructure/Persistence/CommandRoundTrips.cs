using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Slots.Application.Common;

namespace Slots.Infrastructure.Persistence;

/// <summary>
/// What a command sends on its connection besides EF's own statements, so that a booking is two round trips:
/// the slot's row lock in front of the load (and the transaction id back with it), and COMMIT behind the changes.
/// One per context; <see cref="UnitOfWork"/> starts it afresh for every attempt of a command, the repository
/// asks for the lock, and <see cref="Interceptor"/> (which every context's options include) does the sending.
/// </summary>
/// <remarks>
/// <para>
/// <b>The lock.</b> <see cref="LockBeforeNextQuery"/> names the slot; the next query then goes out as
/// <c>SELECT txid_current() FROM slots WHERE id = … FOR UPDATE;</c> followed by the query's own SQL. PostgreSQL
/// runs the two in order and, under READ COMMITTED, each statement takes its own snapshot, so the load starts
/// after the lock was granted and sees what the previous holder committed. (One statement that locked and joined
/// the bookings would read them from a snapshot taken before the wait: a booking cancelled meanwhile looked live.)
/// </para>
/// <para>
/// <b>A booking's customer</b>, when asked for (<see cref="LockBeforeNextQuery"/> with a customer): after the row
/// lock, a transaction-scoped advisory lock on the customer, then a count of the customer's live bookings of slots
/// still to come, in all and with this slot's specialist (<see cref="Held"/>). The customer lock is always taken
/// after a slot's, so no two commands wait for each other in opposite orders; it makes two concurrent bookings of
/// one customer count one after the other, so a limit cannot be passed by racing.
/// </para>
/// <para>
/// <b>The transaction id</b> comes back in the lock statement's row. The unit of work needs it to ask, after a
/// connection dropped during COMMIT, whether the transaction committed (<c>txid_status</c>); asking for it
/// separately would cost a round trip of its own.
/// </para>
/// <para>
/// <b>COMMIT with the changes.</b> With <see cref="CommitWithNextChanges"/>, the batch <c>SaveChanges</c> writes
/// ends in <c>COMMIT;</c>, which also releases the row lock one round trip sooner. If a statement of the batch
/// fails, PostgreSQL skips the rest of it, COMMIT included, and the transaction is rolled back as before. Each
/// statement touches rows the command holds locked, so the row counts EF checks after the batch cannot come out
/// short once COMMIT has run. A second batch would run outside the transaction, so it is refused.
/// </para>
/// </remarks>
internal sealed class CommandRoundTrips
{
    private const string LockParameter = "slot_row_lock";

    private const string LockStatement = $"SELECT txid_current() FROM slots WHERE id = @{LockParameter} FOR UPDATE;\n";

    private const string CustomerParameter = "slot_customer";

    private const string NowParameter = "slot_now";

    private const string CustomerStatements =
        $"SELECT 1 FROM pg_advisory_xact_lock(hashtextextended('customer:' || @{CustomerParameter}, 1));\n"
        + "SELECT count(*)::int, (count(*) FILTER (WHERE s.specialist_issuer = o.specialist_issuer AND s.specialist_id = o.specialist_id))::int\n"
        + $"FROM bookings b JOIN slots s ON s.id = b.slot_id LEFT JOIN slots o ON o.id = @{LockParameter}\n"
        + $"WHERE b.customer_id = @{CustomerParameter} AND b.cancelled_at IS NULL AND s.starts_at > @{NowParameter};\n";

    private Guid? _slotToLock;
    private (string CustomerId, DateTime Now)? _customerToCount;
    private bool _commitWithChanges;

    /// <summary>The current transaction's id, once a statement has reported it.</summary>
    public long? TransactionId { get; private set; }

    /// <summary>The counts the customer statements reported, when a lock asked for them.</summary>
    public LiveBookingCounts? Held { get; private set; }

    /// <summary>Whether COMMIT went out with the changes: the transaction is then over on the server.</summary>
    public bool CommitSent { get; private set; }

    /// <summary>Whether a lock was asked for and has not gone out yet.</summary>
    public bool LockPending => _slotToLock is not null;

    /// <summary>Forgets everything of an earlier attempt: a new transaction starts.</summary>
    public void Begin()
    {
        (_slotToLock, _customerToCount, _commitWithChanges) = (null, null, false);
        (TransactionId, Held, CommitSent) = (null, null, false);
    }

    /// <summary>
    /// Sends the slot's row lock in front of the next query on this context; with a customer, also their lock and the
    /// count of their live bookings of slots starting after <paramref name="now"/>.
    /// </summary>
    public void LockBeforeNextQuery(Guid slotId, string? customerId = null, DateTime now = default)
    {
        _slotToLock = slotId;
        _customerToCount = customerId is null ? null : (customerId, now);
        Held = null;
    }

    /// <summary>Withdraws a lock that did not go out (its query failed before it was sent).</summary>
    public void CancelLock() => (_slotToLock, _customerToCount) = (null, null);

    /// <summary>Records the transaction id a statement other than the lock reported.</summary>
    public void ReportTransactionId(long transactionId) => TransactionId = transactionId;

    /// <summary>Sends COMMIT behind the next batch of changes.</summary>
    public void CommitWithNextChanges() => _commitWithChanges = true;

    /// <summary>Sends what the command's round trips carry besides EF's statements; in every context's options.</summary>
    internal sealed class Interceptor : DbCommandInterceptor
    {
        public static readonly Interceptor Instance = new();

        private Interceptor()
        {
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Prepare(command, eventData);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result,
            CancellationToken cancellationToken = default)
        {
            Prepare(command, eventData);
            return ValueTask.FromResult(result);
        }

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            if (IsLocking(command))
            {
                TakeTransactionId(eventData.Context, result.Read() ? result.GetInt64(0) : null);
                result.NextResult();
                if (IsCounting(command))
                {
                    result.NextResult();
                    TakeCounts(eventData.Context, result.Read() ? new LiveBookingCounts(result.GetInt32(0), result.GetInt32(1)) : null);
                    result.NextResult();
                }
            }

            return result;
        }

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (IsLocking(command))
            {
                TakeTransactionId(eventData.Context, await result.ReadAsync(cancellationToken) ? result.GetInt64(0) : null);
                await result.NextResultAsync(cancellationToken);
                if (IsCounting(command))
                {
                    // The customer lock's row says nothing; the counts follow it.
                    await result.NextResultAsync(cancellationToken);
                    TakeCounts(
                        eventData.Context,
                        await result.ReadAsync(cancellationToken) ? new LiveBookingCounts(result.GetInt32(0), result.GetInt32(1)) : null);
                    await result.NextResultAsync(cancellationToken);
                }
            }

            return result;
        }

        private static void Prepare(DbCommand command, CommandEventData eventData)
        {
            if (eventData.Context is not SlotsDbContext { RoundTrips: var trips })
            {
                return;
            }

            if (eventData.CommandSource == CommandSource.SaveChanges)
            {
                if (trips.CommitSent)
                {
                    // A second batch would run outside the transaction; the unit of work's size check prevents it.
                    throw new InvalidOperationException("The changes did not fit one batch after COMMIT was sent with the first.");
                }

                if (trips._commitWithChanges)
                {
                    (trips._commitWithChanges, trips.CommitSent) = (false, true);
                    command.CommandText += "\nCOMMIT;";
                }
            }
            else if (trips._slotToLock is { } slotId)
            {
                // Consumed by the first query after the repository asked for it, whatever happens to that query.
                trips._slotToLock = null;
                command.Parameters.Add(new NpgsqlParameter<Guid>(LockParameter, slotId));
                if (trips._customerToCount is { } count)
                {
                    trips._customerToCount = null;
                    command.CommandText = LockStatement + CustomerStatements + command.CommandText;
                    command.Parameters.Add(new NpgsqlParameter<string>(CustomerParameter, count.CustomerId));
                    command.Parameters.Add(new NpgsqlParameter<DateTime>(NowParameter, count.Now));
                }
                else
                {
                    command.CommandText = LockStatement + command.CommandText;
                }
            }
        }

        private static bool IsLocking(DbCommand command) => command.Parameters.Contains(LockParameter);

        private static bool IsCounting(DbCommand command) => command.Parameters.Contains(CustomerParameter);

        private static void TakeCounts(DbContext? context, LiveBookingCounts? held)
        {
            if (context is SlotsDbContext db)
            {
                db.RoundTrips.Held = held;
            }
        }

        // No row: there is no such slot, and the load that follows finds none either.
        private static void TakeTransactionId(DbContext? context, long? transactionId)
        {
            if (context is SlotsDbContext db && transactionId is { } id)
            {
                db.RoundTrips.ReportTransactionId(id);
            }
        }
    }
}
