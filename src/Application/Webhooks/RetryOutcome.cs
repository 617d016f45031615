namespace Slots.Application.Webhooks;

/// <summary>What asking for a delivery to be sent again did (<see cref="IWebhookStore.RetryAsync"/>).</summary>
public enum RetryOutcome
{
    /// <summary>It is due now.</summary>
    Scheduled,

    /// <summary>The subscription has no such delivery.</summary>
    NotFound,

    /// <summary>It is being sent right now, and was left alone.</summary>
    InFlight,

    /// <summary>The subscription is disabled: it is enabled first.</summary>
    Disabled,
}
