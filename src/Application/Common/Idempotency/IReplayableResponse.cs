namespace Slots.Application.Common.Idempotency;

/// <summary>The answer of an <see cref="IIdempotentCommand"/>, which knows whether it is a repeat's.</summary>
public interface IReplayableResponse
{
    /// <summary>Whether this is the answer kept for an <c>Idempotency-Key</c>, given again rather than made anew.</summary>
    bool Replayed { get; }

    /// <summary>This answer, marked as the kept one.</summary>
    IReplayableResponse AsReplayed();
}
