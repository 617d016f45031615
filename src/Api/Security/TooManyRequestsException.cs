namespace Slots.Api.Security;

/// <summary>A rate limit refused the request; <see cref="RetryAfter"/> says when a token is back, if known.</summary>
public sealed class TooManyRequestsException(string message, TimeSpan? retryAfter) : Exception(message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
