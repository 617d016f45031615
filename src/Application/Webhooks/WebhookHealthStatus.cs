namespace Slots.Application.Webhooks;

/// <summary>How a subscription's deliveries stand, in a word (<see cref="WebhookHealth"/>).</summary>
public enum WebhookHealthStatus
{
    Healthy,
    Retrying,
    Failing,
    Disabled,
}
