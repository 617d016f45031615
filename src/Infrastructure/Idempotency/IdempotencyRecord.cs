namespace Slots.Infrastructure.Idempotency;

/// <summary>One kept answer (<c>idempotency_keys</c>): for a caller (issuer and subject), an operation and a key.</summary>
internal sealed class IdempotencyRecord(string scope, string operation, string key, byte[] fingerprint, string body, DateTime createdAt)
{
    public string Scope { get; private set; } = scope;

    public string Operation { get; private set; } = operation;

    public string Key { get; private set; } = key;

    public byte[] Fingerprint { get; private set; } = fingerprint;

    public string Body { get; private set; } = body;

    public DateTime CreatedAt { get; private set; } = createdAt;
}
