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

/// <summary>A fingerprint of the request (SHA-256 of the command) and the answer's body, as the API writes it.</summary>
public sealed record StoredAnswer(byte[] Fingerprint, string Body);

/// <summary>The key was used for another request by the same caller: 422 <c>idempotency_key_reused</c>.</summary>
public sealed class IdempotencyKeyReusedException()
    : Exception("This Idempotency-Key was used for a different request; use a new key for a new request.");
