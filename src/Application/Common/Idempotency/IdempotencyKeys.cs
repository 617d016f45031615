namespace Slots.Application.Common.Idempotency;

/// <summary>What an <c>Idempotency-Key</c> may be, and how long its answer is kept.</summary>
public static class IdempotencyKeys
{
    /// <summary>The longest key taken (the IETF draft leaves it to the server).</summary>
    public const int MaxLength = 255;

    /// <summary>How long a key is remembered.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>Printable ASCII, 1 to <see cref="MaxLength"/> characters.</summary>
    public static bool IsValid(string key) =>
        key is { Length: > 0 and <= MaxLength } && key.All(c => c is >= ' ' and <= '~');
}
