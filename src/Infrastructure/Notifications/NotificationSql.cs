using Slots.Application.Notifications;
using static Slots.Infrastructure.Persistence.ColumnTexts;

namespace Slots.Infrastructure.Notifications;

/// <summary>The notifications' statuses, kinds and recipients as SQL literals, for the statements written by hand (spelt by <c>ColumnTexts</c>).</summary>
internal static class NotificationSql
{
    public static readonly string Pending = NotificationStatuses.Sql(NotificationStatus.Pending);

    /// <summary>Claimed by a notifier until its <c>next_attempt_at</c>.</summary>
    public static readonly string Sending = NotificationStatuses.Sql(NotificationStatus.Sending);

    public static readonly string Sent = NotificationStatuses.Sql(NotificationStatus.Sent);

    public static readonly string Failed = NotificationStatuses.Sql(NotificationStatus.Failed);

    public static readonly string Skipped = NotificationStatuses.Sql(NotificationStatus.Skipped);

    public static readonly string Booked = NotificationKinds.Sql(NotificationKind.Booked);

    public static readonly string Cancelled = NotificationKinds.Sql(NotificationKind.Cancelled);

    public static readonly string Rescheduled = NotificationKinds.Sql(NotificationKind.Rescheduled);

    public static readonly string Reminder = NotificationKinds.Sql(NotificationKind.Reminder);

    public static readonly string WaitlistSkipped = NotificationKinds.Sql(NotificationKind.WaitlistSkipped);

    public static readonly string Customer = NotificationRecipients.Sql(NotificationRecipient.Customer);

    public static readonly string Specialist = NotificationRecipients.Sql(NotificationRecipient.Specialist);
}
