namespace Slots.Domain.Common;

/// <summary>
/// The single exception type the domain throws when a rule would be broken.
/// <see cref="Code"/> is stable and machine-readable (for example <c>slot_fully_booked</c>);
/// <see cref="Kind"/> says what sort of failure it is, so the API can choose a status code.
/// </summary>
public sealed class DomainException : Exception
{
    /// <summary>Creates a domain exception.</summary>
    /// <param name="code">Stable, snake_case error code.</param>
    /// <param name="message">Human-readable explanation.</param>
    /// <param name="kind">What sort of failure this is.</param>
    /// <param name="target">The input field the error is about, if any (for example <c>startTime</c>).</param>
    public DomainException(string code, string message, DomainErrorKind kind, string? target = null)
        : base(message)
    {
        Code = code;
        Kind = kind;
        Target = target;
    }

    /// <summary>Stable, machine-readable code such as <c>slot_fully_booked</c>.</summary>
    public string Code { get; }

    /// <summary>What sort of failure this is.</summary>
    public DomainErrorKind Kind { get; }

    /// <summary>The input field the error is about, when the error is about an input.</summary>
    public string? Target { get; }
}
