namespace Slots.Application.Webhooks;

/// <summary>One event on its way to one subscription.</summary>
/// <param name="Id">The delivery's id within its subscription: its event's id, which is also the <c>webhook-id</c> header.</param>
/// <param name="Position">The event's place in the feed: receivers order events by it.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="LastStatusCode">The receiver's status code at the last attempt; null when it gave none (refused, timed out).</param>
/// <param name="NextAttemptAt">When it is tried next (pending), or until when the attempt in flight holds it (sending).</param>
public sealed record WebhookDeliveryResponse(
    Guid Id, string EventType, string Position, DeliveryStatus Status, int Attempts, DateTime CreatedAt,
    DateTime? LastAttemptAt, int? LastStatusCode, string? LastError, DateTime? NextAttemptAt, DateTime? DeliveredAt);
