namespace Slots.Application.Notifications;

/// <summary>What a notification tells.</summary>
public enum NotificationKind
{
    /// <summary>A booking was made: the customer's confirmation, the specialist's notice.</summary>
    Booked,

    /// <summary>A booking was cancelled.</summary>
    Cancelled,

    /// <summary>The slot of a booking moved to other times: the customer's updated invite.</summary>
    Rescheduled,

    /// <summary>A booked session is coming up (<c>Slots:Mail:Reminders</c> before its start).</summary>
    Reminder,

    /// <summary>A seat freed while the customer waited for it, but they could no longer book it: the seat went to the next in line.</summary>
    WaitlistSkipped,
}
