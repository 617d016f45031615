namespace Slots.Infrastructure.Notifications;

/// <summary>
/// When customers are reminded before a booked session (<see cref="MailOptions.Reminders"/>), read once as the process
/// starts: a value that is not a duration stops the start, rather than every booking that would schedule a reminder.
/// </summary>
internal sealed class ReminderSchedule(MailOptions options)
{
    /// <summary>How long before the start each reminder goes; none while mail is not configured.</summary>
    public TimeSpan[] Before { get; } = options.Enabled ? options.ReminderOffsets : [];
}
