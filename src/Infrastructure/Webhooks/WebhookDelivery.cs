using Slots.Application.Webhooks;

namespace Slots.Infrastructure.Webhooks;

/// <summary>
/// A row of <c>webhook_deliveries</c>: one event on its way to one subscription. The dispatcher's parts work on it in SQL
/// (<see cref="WebhookFanOut"/>, <see cref="DeliveryClaim"/>, <see cref="OutcomeRecorder"/>); the model is here for the
/// migrations.
/// </summary>
internal sealed class WebhookDelivery
{
    public Guid SubscriptionId { get; private set; }

    /// <summary>The event it carries, which is also the delivery's id within its subscription (and its <c>webhook-id</c>).</summary>
    public Guid EventId { get; private set; }

    /// <summary>Where it stands; while <see cref="DeliveryStatus.Sending"/>, claimed by a dispatcher until <see cref="NextAttemptAt"/>.</summary>
    public DeliveryStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>When the current round of retries began: it is given up <c>GiveUpAfter</c> later.</summary>
    public DateTime RetryFrom { get; private set; }

    public DateTime? NextAttemptAt { get; private set; }

    public DateTime? LastAttemptAt { get; private set; }

    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }

    public DateTime? DeliveredAt { get; private set; }
}
