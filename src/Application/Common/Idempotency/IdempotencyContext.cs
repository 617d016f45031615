namespace Slots.Application.Common.Idempotency;

/// <summary>The request's <c>Idempotency-Key</c>, if it sent one, and whether its answer is a replay (one per request).</summary>
public sealed class IdempotencyContext
{
    /// <summary>The longest key taken (the IETF draft leaves it to the server).</summary>
    public const int MaxKeyLength = 255;

    /// <summary>How long a key is remembered.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public string? Key { get; set; }

    public bool Replayed { get; set; }

    /// <summary>Printable ASCII, 1 to <see cref="MaxKeyLength"/> characters.</summary>
    public static bool IsValidKey(string key) =>
        key.Length is > 0 and <= MaxKeyLength && key.All(c => c is >= ' ' and <= '~');
}
