using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Slots.Infrastructure.Persistence;

/// <summary>
/// Statements a command sends on its connection besides EF's own, in the round trips EF makes anyway: statements in
/// front of the next query (<see cref="SendBeforeNextQuery"/>: a repository's locks, the transaction id), statements
/// behind the changes (<see cref="SendWithChanges"/>: rows outside the EF model, such as a booking's notifications), and
/// COMMIT behind those (<see cref="CommitWithNextChanges"/>). So a booking is two round trips: its locks with its load,
/// then its changes with COMMIT. One per context; <see cref="UnitOfWork"/> begins it afresh for every attempt of a
/// command and ends it after, and <see cref="Interceptor"/> (which every context's options include) does the sending.
/// </summary>
/// <remarks>
/// <para>
/// <b>In front of a query.</b> The statements go out in the query's command, before its own SQL, separated by
/// semicolons, with their parameters shared by name. PostgreSQL runs them in order and, under READ COMMITTED, each
/// statement takes its own snapshot, so a query behind a lock starts once the lock is granted and sees what the
/// previous holder committed. (One statement that locked and joined would read from a snapshot taken before the wait.)
/// Each statement's first row, if it has one, is handed to its <see cref="Statement.OnRow"/>; EF then reads the query's.
/// </para>
/// <para>
/// <b>The transaction id</b> rides in front of the first query of each attempt (<see cref="Begin"/>), or is asked for
/// on its own by a command that sent none (<see cref="TransactionIdAsync"/>). The unit of work needs it to ask, after a
/// connection dropped during COMMIT, whether the transaction committed (<c>txid_status</c>).
/// </para>
/// <para>
/// <b>COMMIT with the changes.</b> The batch <c>SaveChanges</c> writes ends in <c>COMMIT;</c>, which also releases the
/// locks one round trip sooner. If a statement of the batch fails, PostgreSQL skips the rest of it, COMMIT included,
/// and the transaction is rolled back as before. Each statement touches rows the command holds locked, so the row
/// counts EF checks after the batch cannot come out short once COMMIT has run. A second batch would run outside the
/// transaction, so it is refused.
/// </para>
/// </remarks>
internal sealed class CommandRoundTrips
{
    /// <summary>The one statement that reports the transaction id.</summary>
    private const string TransactionIdSql = "SELECT txid_current()";

    private readonly List<Statement> _ahead = [];
    private readonly List<Statement> _behind = [];
    private (DbCommand Command, Statement[] Statements)? _sent;
    private bool _commitWithChanges;

    /// <summary>The current transaction's id, once a statement has reported it.</summary>
    public long? TransactionId { get; private set; }

    /// <summary>Whether COMMIT went out with the changes: the transaction is then over on the server.</summary>
    public bool CommitSent { get; private set; }

    /// <summary>Whether statements wait for a query to go out with.</summary>
    public bool HasStatementsAhead => _ahead.Count > 0;

    /// <summary>Whether statements wait for a batch of changes to go out with.</summary>
    public bool HasStatementsBehind => _behind.Count > 0;

    /// <summary>A new attempt of a command: forgets the last one's, and sends the transaction id with the first query.</summary>
    public void Begin()
    {
        End();
        (TransactionId, CommitSent) = (null, false);
        _ahead.Add(new Statement(TransactionIdSql, [], row => TransactionId = row.GetInt64(0)));
    }

    /// <summary>The attempt is over: nothing it queued may ride with a later query on this (pooled) context.</summary>
    public void End()
    {
        _ahead.Clear();
        _behind.Clear();
        (_sent, _commitWithChanges) = (null, false);
    }

    /// <summary>Sends <paramref name="statements"/>, in order, in front of the next query on this context.</summary>
    public void SendBeforeNextQuery(params Statement[] statements) => _ahead.AddRange(statements);

    /// <summary>
    /// Sends <paramref name="statements"/>, in order, behind the changes <c>SaveChanges</c> writes next (and before COMMIT
    /// when that goes with them): in the command's transaction, seeing its changes, in no round trip of their own.
    /// </summary>
    public void SendWithChanges(params Statement[] statements) => _behind.AddRange(statements);

    /// <summary>Sends COMMIT behind the next batch of changes.</summary>
    public void CommitWithNextChanges() => _commitWithChanges = true;

    /// <summary>The transaction's id: the one a query reported, or asked for now when the command sent no query.</summary>
    public async Task<long> TransactionIdAsync(DbContext db, CancellationToken cancellationToken)
    {
        if (TransactionId is { } id)
        {
            return id;
        }

        _ahead.Clear();
        return await db.Database.SqlQueryRaw<long>(TransactionIdSql + " AS \"Value\"").SingleAsync(cancellationToken);
    }

    /// <summary>A statement sent in front of a query: its SQL, its parameters, and what to do with its first row.</summary>
    public sealed record Statement(string Sql, IReadOnlyList<NpgsqlParameter> Parameters, Action<DbDataReader>? OnRow = null);

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
            foreach (var statement in SentWith(command, eventData))
            {
                if (result.Read())
                {
                    statement.OnRow?.Invoke(result);
                }

                result.NextResult();
            }

            return result;
        }

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            foreach (var statement in SentWith(command, eventData))
            {
                if (await result.ReadAsync(cancellationToken))
                {
                    statement.OnRow?.Invoke(result);
                }

                await result.NextResultAsync(cancellationToken);
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

                if (trips._behind.Count > 0)
                {
                    command.CommandText = Append(command, trips._behind);
                    trips._behind.Clear();
                }

                if (trips._commitWithChanges)
                {
                    (trips._commitWithChanges, trips.CommitSent) = (false, true);
                    command.CommandText += "\nCOMMIT;";
                }
            }
            else if (trips._ahead.Count > 0)
            {
                // Consumed by the first query after they were asked for, whatever happens to that query.
                var statements = trips._ahead.ToArray();
                trips._ahead.Clear();
                trips._sent = (command, statements);
                command.CommandText = Prepend(command, statements);
            }
        }

        /// <summary>The statements' SQL in front of the command's, their parameters added (<see cref="WithParameters"/>).</summary>
        private static string Prepend(DbCommand command, IEnumerable<Statement> statements)
        {
            var sql = new StringBuilder();
            foreach (var statement in statements)
            {
                sql.Append(WithParameters(command, statement)).Append(";\n");
            }

            return sql.Append(command.CommandText).ToString();
        }

        /// <summary>The command's SQL and the statements' behind it, their parameters added (<see cref="WithParameters"/>).</summary>
        private static string Append(DbCommand command, IEnumerable<Statement> statements)
        {
            var sql = new StringBuilder(command.CommandText);
            foreach (var statement in statements)
            {
                sql.Append('\n').Append(WithParameters(command, statement)).Append(';');
            }

            return sql.ToString();
        }

        /// <summary>
        /// Adds the statement's parameters to the command, and returns its SQL. A parameter whose name the command already has
        /// for another value (two bookings' mail in one command, each statement naming its booking <c>@notify_booking</c>) is
        /// added under a name of its own, and the statement's SQL renamed to match: each statement reads its own values.
        /// </summary>
        private static string WithParameters(DbCommand command, Statement statement)
        {
            var sql = statement.Sql;
            foreach (var parameter in statement.Parameters)
            {
                if (!command.Parameters.Contains(parameter.ParameterName))
                {
                    command.Parameters.Add(parameter);
                    continue;
                }

                if (command.Parameters[parameter.ParameterName] is NpgsqlParameter held && Equals(held.Value, parameter.Value))
                {
                    continue; // the same value: shared by name
                }

                var name = parameter.ParameterName;
                for (var n = 2; command.Parameters.Contains(name); n++)
                {
                    name = $"{parameter.ParameterName}_{n}";
                }

                var copy = parameter.Clone();
                copy.ParameterName = name;
                command.Parameters.Add(copy);
                sql = Regex.Replace(sql, $@"@{Regex.Escape(parameter.ParameterName)}\b", "@" + name);
            }

            return sql;
        }

        private static Statement[] SentWith(DbCommand command, CommandEventData eventData)
        {
            if (eventData.Context is SlotsDbContext { RoundTrips: var trips } && trips._sent is { } sent && ReferenceEquals(sent.Command, command))
            {
                trips._sent = null;
                return sent.Statements;
            }

            return [];
        }
    }
}
