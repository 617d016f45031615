using Slots.Application.Calendars;
using Slots.Application.Notifications;
using Slots.Application.Webhooks;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Persistence;

/// <summary>The text of every enum the database stores, each spelt here and nowhere else.</summary>
internal static class ColumnTexts
{
    /// <summary><c>slots.status</c>; the old collection's documents spelt it the same way (the import reads them so).</summary>
    public static readonly ColumnText<SlotStatus> SlotStatuses = new((SlotStatus.Active, "active"), (SlotStatus.Inactive, "inactive"));

    /// <summary><c>webhook_deliveries.status</c>.</summary>
    public static readonly ColumnText<DeliveryStatus> DeliveryStatuses = new(
        (DeliveryStatus.Pending, "pending"),
        (DeliveryStatus.Sending, "sending"),
        (DeliveryStatus.Delivered, "delivered"),
        (DeliveryStatus.Failed, "failed"));

    /// <summary><c>notifications.status</c>.</summary>
    public static readonly ColumnText<NotificationStatus> NotificationStatuses = new(
        (NotificationStatus.Pending, "pending"),
        (NotificationStatus.Sending, "sending"),
        (NotificationStatus.Sent, "sent"),
        (NotificationStatus.Failed, "failed"),
        (NotificationStatus.Skipped, "skipped"));

    /// <summary><c>notifications.kind</c>.</summary>
    public static readonly ColumnText<NotificationKind> NotificationKinds = new(
        (NotificationKind.Booked, "booked"),
        (NotificationKind.Cancelled, "cancelled"),
        (NotificationKind.Rescheduled, "rescheduled"),
        (NotificationKind.Reminder, "reminder"),
        (NotificationKind.WaitlistSkipped, "waitlist_skipped"));

    /// <summary><c>notifications.recipient</c>.</summary>
    public static readonly ColumnText<NotificationRecipient> NotificationRecipients = new(
        (NotificationRecipient.Customer, "customer"), (NotificationRecipient.Specialist, "specialist"));

    /// <summary><c>specialists.cancellation_reason</c>, <c>slots.cancellation_reason</c>, <c>bookings.policy_cancellation_reason</c>.</summary>
    public static readonly ColumnText<ReasonRule> ReasonRules = new((ReasonRule.Optional, "optional"), (ReasonRule.Required, "required"));

    /// <summary><c>bookings.cancelled_by</c>.</summary>
    public static readonly ColumnText<CancelledBy> Cancellers = new(
        (CancelledBy.Customer, "customer"), (CancelledBy.Specialist, "specialist"), (CancelledBy.Admin, "admin"), (CancelledBy.Service, "service"));

    /// <summary><c>calendar_feeds.kind</c>.</summary>
    public static readonly ColumnText<CalendarKind> CalendarKinds = new((CalendarKind.Specialist, "specialist"), (CalendarKind.Customer, "customer"));

    /// <summary><c>waitlist_entries.status</c>.</summary>
    public static readonly ColumnText<WaitlistStatus> WaitlistStatuses = new(
        (WaitlistStatus.Waiting, "waiting"), (WaitlistStatus.Booked, "booked"), (WaitlistStatus.Left, "left"), (WaitlistStatus.Skipped, "skipped"));

    /// <summary><c>seat_holds.status</c>.</summary>
    public static readonly ColumnText<HoldStatus> HoldStatuses = new(
        (HoldStatus.Live, "live"), (HoldStatus.Booked, "booked"), (HoldStatus.Released, "released"), (HoldStatus.Expired, "expired"));
}
