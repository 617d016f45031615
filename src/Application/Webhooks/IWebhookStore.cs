namespace Slots.Application.Webhooks;

/// <summary>Webhook subscriptions and their deliveries. Writes join the command's transaction.</summary>
public interface IWebhookStore
{
    /// <summary>Adds a subscription; it receives the events of every transaction that starts writing after this one.</summary>
    void Add(NewWebhook webhook);

    /// <summary>Every subscription, oldest first, each with how its deliveries stand.</summary>
    Task<IReadOnlyList<WebhookResponse>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Deletes a subscription and its deliveries; false when there is none.</summary>
    Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Enables a subscription disabled for failing, and closes its circuit breaker: the events after this are delivered to
    /// it again. False when there is none.
    /// </summary>
    Task<bool> EnableAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a subscription's signing secret with <paramref name="secret"/>. The one replaced keeps signing beside it for
    /// <paramref name="keepPrevious"/>, by the database's clock (not at all when zero; a secret replaced before is dropped).
    /// Found is false when there is no such subscription; PreviousUntil is when the replaced one stops signing.
    /// </summary>
    Task<(bool Found, DateTime? PreviousUntil)> RotateSecretAsync(
        Guid id, string secret, TimeSpan keepPrevious, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A subscription's deliveries, newest first, from before the one of <paramref name="before"/> (an event id).</summary>
    Task<List<WebhookDeliveryResponse>> ListDeliveriesAsync(
        Guid subscriptionId, DeliveryStatus? status, Guid? before, int take, CancellationToken cancellationToken);

    /// <summary>
    /// Schedules the delivery for an attempt now. A delivered or given-up delivery starts a new round of retries; one being
    /// sent right now is left alone (<see cref="RetryOutcome.InFlight"/>), and a disabled subscription is sent nothing
    /// (<see cref="RetryOutcome.Disabled"/>). A parked subscription's park ends, so the delivery probes it at once.
    /// </summary>
    Task<(RetryOutcome Outcome, WebhookDeliveryResponse? Delivery)> RetryAsync(
        Guid subscriptionId, Guid deliveryId, CancellationToken cancellationToken);
}
