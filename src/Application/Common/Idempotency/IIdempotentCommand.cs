namespace Slots.Application.Common.Idempotency;

/// <summary>
/// A command a client may send with an <c>Idempotency-Key</c>: a repeat with the same key (same caller, same operation)
/// gets the first answer again instead of a second effect.
/// </summary>
public interface IIdempotentCommand
{
    /// <summary>The request's key, if it sent one. Never part of the request's fingerprint (implementations ignore it in JSON).</summary>
    string? IdempotencyKey { get; }

    /// <summary>What the key is scoped to besides the caller: the operation, and its target where it has one.</summary>
    string IdempotencyOperation();

    /// <summary>
    /// True for a request that changes nothing (a preview): its answer is not kept under the key, since there is no
    /// effect to protect and a repeat should see the schedule as it is then.
    /// </summary>
    bool ChangesNothing => false;
}
