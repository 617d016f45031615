namespace Slots.Application.Notifications;

/// <summary>Where a notification stands.</summary>
public enum NotificationStatus
{
    /// <summary>Waiting for its first attempt, or for its next one after a failure.</summary>
    Pending,

    /// <summary>Claimed by a notifier, which is sending it until its lease runs out.</summary>
    Sending,

    /// <summary>The mail server took it.</summary>
    Sent,

    /// <summary>Given up after its retry window; kept for an admin to retry.</summary>
    Failed,

    /// <summary>Nothing to send: the booking was cancelled before it went out, or is gone, or its customer erased.</summary>
    Skipped,
}
