namespace Slots.Domain.Common;

/// <summary>The sort of failure a <see cref="DomainException"/> reports.</summary>
public enum DomainErrorKind
{
    /// <summary>The input breaks a rule on its own (bad time zone, end before start, ...).</summary>
    Invalid,

    /// <summary>The thing asked for does not exist.</summary>
    NotFound,

    /// <summary>The input is fine, but the current state of the slot forbids the change.</summary>
    Conflict,

    /// <summary>The caller asked to change the slot only as it saw it, and it has changed since.</summary>
    PreconditionFailed,

    /// <summary>What was asked for existed once and is gone for good (an event past the retention).</summary>
    Gone,
}
