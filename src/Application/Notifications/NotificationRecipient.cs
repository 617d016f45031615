namespace Slots.Application.Notifications;

/// <summary>Who a notification is for: the booking's customer or its slot's specialist (the address is read when it is sent).</summary>
public enum NotificationRecipient
{
    Customer,
    Specialist,
}
