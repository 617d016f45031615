namespace Slots.Infrastructure.Webhooks;

/// <summary>
/// A row of <c>webhook_subscriptions</c>. The table also has <c>start_tx</c>, outside the EF model: the id of the
/// transaction that created it. The subscription receives the events of every transaction with a later id, and the fan-out
/// reads those only after the creating transaction has ended, so none of them is missed.
/// </summary>
internal sealed class WebhookSubscription(Guid id, string url, string[]? types, string? description, string secret, DateTime createdAt)
{
    public Guid Id { get; private set; } = id;

    public string Url { get; private set; } = url;

    /// <summary>The event types it receives; null for all.</summary>
    public string[]? Types { get; private set; } = types;

    public string? Description { get; private set; } = description;

    /// <summary>
    /// The Standard Webhooks signing secret (<c>whsec_…</c>), sealed by <see cref="WebhookSecrets"/>: the database holds
    /// no secret it could sign with on its own.
    /// </summary>
    public string Secret { get; private set; } = secret;

    /// <summary>The secret before the last rotation, sealed likewise; deliveries are signed with it too until <see cref="PreviousSecretUntil"/>.</summary>
    public string? PreviousSecret { get; private set; }

    public DateTime? PreviousSecretUntil { get; private set; }

    public DateTime CreatedAt { get; private set; } = createdAt;

    /// <summary>Attempts failed in a row, across its deliveries; a delivered one sets it back to 0.</summary>
    public int Failures { get; private set; }

    /// <summary>How often the circuit breaker opened in this run of failures: each park lasts twice the one before.</summary>
    public int Parks { get; private set; }

    /// <summary>While in the future, nothing is sent to it; after, one delivery at a time until one is delivered.</summary>
    public DateTime? ParkedUntil { get; private set; }

    /// <summary>When the run of failed attempts began; null while its last attempt was delivered.</summary>
    public DateTime? FailingSince { get; private set; }

    /// <summary>Set once it failed for <c>DisableAfter</c>: no deliveries are made or sent until an admin enables it.</summary>
    public DateTime? DisabledAt { get; private set; }

    /// <summary>
    /// Its deliveries given up and kept for a replay, counted as the outcomes are written (and as they are replayed or
    /// swept), so that listing the subscriptions never counts them row by row.
    /// </summary>
    public int FailedCount { get; private set; }

    /// <summary>The error of its latest failed attempt, written with the outcomes.</summary>
    public string? LastError { get; private set; }

    public DateTime? LastFailureAt { get; private set; }
}
