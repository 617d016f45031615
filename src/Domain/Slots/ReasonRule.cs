namespace Slots.Domain.Slots;

/// <summary>Whether a cancellation must say why.</summary>
public enum ReasonRule
{
    /// <summary>A reason may be given.</summary>
    Optional,

    /// <summary>A cancellation without a reason is refused (<c>cancellation_reason_required</c>).</summary>
    Required,
}
