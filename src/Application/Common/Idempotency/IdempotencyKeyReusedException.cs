namespace Slots.Application.Common.Idempotency;

/// <summary>The key was used for another request by the same caller: 422 <c>idempotency_key_reused</c>.</summary>
public sealed class IdempotencyKeyReusedException()
    : Exception("This Idempotency-Key was used for a different request; use a new key for a new request.");
