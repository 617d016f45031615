namespace Slots.Application.Common.Idempotency;

/// <summary>The answers kept for idempotency keys, read and written in the command's own transaction.</summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Locks the key until the transaction ends (a repeat sent meanwhile waits here for the first to finish), forgets it
    /// when it has expired, and returns what is kept for it: null when nothing is.
    /// </summary>
    Task<StoredAnswer?> LockAndFindAsync(string scope, string operation, string key, DateTime now, CancellationToken cancellationToken);

    /// <summary>Keeps the answer; written with the command's changes and COMMIT.</summary>
    void Save(string scope, string operation, string key, StoredAnswer answer, DateTime now);
}
