namespace Slots.Application.Webhooks;

/// <summary>Where a delivery stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Waiting for its first attempt, or for its next one after a failure.</summary>
    Pending,

    /// <summary>Claimed by a dispatcher, which is sending it until its lease runs out.</summary>
    Sending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Given up after its retry window; kept for a replay.</summary>
    Failed,
}
