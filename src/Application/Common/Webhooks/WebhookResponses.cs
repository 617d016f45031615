namespace Slots.Application.Common.Webhooks;

/// <summary>A webhook subscription, without its secret (shown once, when it is created).</summary>
/// <param name="Types">The event types it receives; null for all of them.</param>
public sealed record WebhookResponse(
    Guid Id, string Url, IReadOnlyList<string>? Types, string? Description, DateTime CreatedAt, WebhookHealth Health);

/// <summary>A subscription just created, with the secret that signs its deliveries: keep it, it is not shown again.</summary>
/// <param name="Secret">The Standard Webhooks signing secret, <c>whsec_</c> and 32 random bytes in base64.</param>
public sealed record CreatedWebhookResponse(
    Guid Id, string Url, IReadOnlyList<string>? Types, string? Description, DateTime CreatedAt, WebhookHealth Health, string Secret);

/// <summary>How a subscription's deliveries stand.</summary>
/// <param name="Status">
/// <c>failing</c> when deliveries were given up and wait for a replay, <c>retrying</c> when some failed and wait for
/// their next attempt, <c>healthy</c> otherwise.
/// </param>
/// <param name="Pending">Deliveries not yet delivered nor given up.</param>
/// <param name="Retrying">Pending deliveries whose last attempt failed.</param>
/// <param name="Failed">Deliveries given up after the retry window, kept for replay.</param>
/// <param name="LastError">The error of the latest failed attempt among those, if any.</param>
/// <param name="LastFailureAt">When that attempt was made.</param>
public sealed record WebhookHealth(
    WebhookHealthStatus Status, int Pending, int Retrying, int Failed, string? LastError, DateTime? LastFailureAt);

public enum WebhookHealthStatus
{
    Healthy,
    Retrying,
    Failing,
}

/// <summary>One event on its way to one subscription.</summary>
/// <param name="Id">The delivery's id within its subscription: its event's id, which is also the <c>webhook-id</c> header.</param>
/// <param name="Position">The event's place in the feed: receivers order events by it.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="LastStatusCode">The receiver's status code at the last attempt; null when it gave none (refused, timed out).</param>
/// <param name="NextAttemptAt">When it is tried next (pending), or until when the attempt in flight holds it (sending).</param>
public sealed record WebhookDeliveryResponse(
    Guid Id, string EventType, string Position, DeliveryStatus Status, int Attempts, DateTime CreatedAt,
    DateTime? LastAttemptAt, int? LastStatusCode, string? LastError, DateTime? NextAttemptAt, DateTime? DeliveredAt);

public enum DeliveryStatus
{
    Pending,
    Sending,
    Delivered,
    Failed,
}
