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

    /// <summary>The Standard Webhooks signing secret (<c>whsec_…</c>). Kept as is: signing needs it.</summary>
    public string Secret { get; private set; } = secret;

    public DateTime CreatedAt { get; private set; } = createdAt;
}
