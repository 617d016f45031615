using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Notifications.RetryNotification;

/// <summary>Sends a notification again now: one given up after its window, or one sent that did not arrive.</summary>
public sealed record RetryNotificationCommand(Guid NotificationId) : ICommand<NotificationResponse>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.AdminsOnly;
}
