using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Slots.Application.Common.Idempotency;
using Slots.Infrastructure.Persistence;

namespace Slots.Infrastructure.Idempotency;

/// <summary>
/// The key's lock, the forgetting of an expired answer and the look-up go out in one round trip, on the command's
/// connection and transaction, before the command's own statements; the answer is added to the context, so it is
/// written with the command's changes and COMMIT. The lock is a transaction-scoped advisory lock on the key, taken
/// before the slot's row lock (always in that order), so two requests with one key run one after the other.
/// </summary>
internal sealed class IdempotencyStore(SlotsDbContext db) : IIdempotencyStore
{
    private static readonly string[] LookUp =
    [
        "SELECT 1 FROM " + AdvisoryLocks.Idempotency("$1", "$2", "$3"),
        "DELETE FROM idempotency_keys WHERE scope = $1 AND operation = $2 AND key = $3 AND created_at <= $4",
        "SELECT fingerprint, body FROM idempotency_keys WHERE scope = $1 AND operation = $2 AND key = $3",
    ];

    public async Task<StoredAnswer?> LockAndFindAsync(
        string scope, string operation, string key, DateTime now, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("An idempotency key is looked up inside the command's transaction.");
        await using var batch = new NpgsqlBatch((NpgsqlConnection)transaction.Connection!, (NpgsqlTransaction)transaction);
        foreach (var sql in LookUp)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = scope });
            command.Parameters.Add(new NpgsqlParameter { Value = operation });
            command.Parameters.Add(new NpgsqlParameter { Value = key });
            if (sql.Contains("$4", StringComparison.Ordinal))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = now - IdempotencyKeys.Lifetime });
            }

            batch.BatchCommands.Add(command);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        // On to the look-up's rows, past the lock's (and the delete's, where the reader counts it as a result).
        while (reader.FieldCount != 2 && await reader.NextResultAsync(cancellationToken))
        {
        }

        return reader.FieldCount == 2 && await reader.ReadAsync(cancellationToken)
            ? new StoredAnswer((byte[])reader[0], reader.GetString(1))
            : null;
    }

    public void Save(string scope, string operation, string key, StoredAnswer answer, DateTime now) =>
        db.Set<IdempotencyRecord>().Add(new IdempotencyRecord(scope, operation, key, answer.Fingerprint, answer.Body, now));
}
