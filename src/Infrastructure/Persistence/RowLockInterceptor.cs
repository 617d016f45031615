using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Slots.Infrastructure.Persistence;

/// <summary>
/// Sends a command's slot row lock in front of the query that loads the slot: two statements, one round trip.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="SlotRepository"/> names the slot in <see cref="SlotsDbContext.SlotToLock"/> and then runs its
/// LINQ load; this interceptor puts <c>SELECT txid_current() FROM slots WHERE id = … FOR UPDATE</c> before that
/// query's SQL. PostgreSQL runs the two in order, and under READ COMMITTED each statement takes its own
/// snapshot, so the load starts after the lock was granted and sees what the previous holder committed. (One
/// statement that locked and joined the bookings would read them from a snapshot taken before the wait.)
/// </para>
/// <para>
/// The lock statement also reports the transaction id, which <see cref="UnitOfWork"/> needs to find out whether
/// a commit whose acknowledgement was lost went through; it would otherwise cost a round trip of its own.
/// </para>
/// </remarks>
internal sealed class RowLockInterceptor : DbCommandInterceptor
{
    public static readonly RowLockInterceptor Instance = new();

    private const string LockParameter = "slot_row_lock";

    private const string LockStatement = $"SELECT txid_current() FROM slots WHERE id = @{LockParameter} FOR UPDATE;\n";

    private RowLockInterceptor()
    {
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        PrependLock(command, eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        PrependLock(command, eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        if (IsLocking(command))
        {
            TakeTransactionId(eventData.Context, result.Read() ? result.GetInt64(0) : null);
            result.NextResult();
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
        }

        return result;
    }

    private static void PrependLock(DbCommand command, Microsoft.EntityFrameworkCore.DbContext? context)
    {
        if (context is not SlotsDbContext { SlotToLock: { } slotId } db)
        {
            return;
        }

        // Consumed by the first query after the repository asked for it, whatever happens to that query.
        db.SlotToLock = null;
        command.CommandText = LockStatement + command.CommandText;
        command.Parameters.Add(new NpgsqlParameter<Guid>(LockParameter, slotId));
    }

    private static bool IsLocking(DbCommand command) => command.Parameters.Contains(LockParameter);

    // No row: there is no such slot, and the load that follows finds none either.
    private static void TakeTransactionId(Microsoft.EntityFrameworkCore.DbContext? context, long? transactionId)
    {
        if (context is SlotsDbContext db && transactionId is not null)
        {
            db.TransactionId = transactionId;
        }
    }
}
