using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Slots.Infrastructure.Persistence;

/// <summary>
/// Sends COMMIT behind a command's changes: the batch <c>SaveChanges</c> writes and the end of the transaction
/// in one round trip, which also releases the slot's row lock one round trip sooner.
/// </summary>
/// <remarks>
/// <see cref="UnitOfWork"/> asks for it (<see cref="SlotsDbContext.CommitWithChanges"/>) only when the changes
/// fit one batch. If a statement of the batch fails, PostgreSQL skips the rest of it, COMMIT included, and the
/// transaction is rolled back as before. Each statement touches rows the command holds locked, so the row
/// counts EF checks after the batch cannot come out short once COMMIT has run.
/// </remarks>
internal sealed class CommitInterceptor : DbCommandInterceptor
{
    public static readonly CommitInterceptor Instance = new();

    private CommitInterceptor()
    {
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        AppendCommit(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result,
        CancellationToken cancellationToken = default)
    {
        AppendCommit(command, eventData);
        return ValueTask.FromResult(result);
    }

    private static void AppendCommit(DbCommand command, CommandEventData eventData)
    {
        if (eventData.CommandSource != CommandSource.SaveChanges || eventData.Context is not SlotsDbContext db)
        {
            return;
        }

        if (db.CommitSent)
        {
            // A second batch would run outside the transaction; the unit of work's size check prevents it.
            throw new InvalidOperationException("The changes did not fit one batch after COMMIT was sent with the first.");
        }

        if (db.CommitWithChanges)
        {
            db.CommitWithChanges = false;
            db.CommitSent = true;
            command.CommandText += "\nCOMMIT;";
        }
    }
}
