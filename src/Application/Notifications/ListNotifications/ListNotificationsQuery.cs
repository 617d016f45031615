using Mediator;
using Slots.Application.Common;
using Slots.Application.Common.Security;

namespace Slots.Application.Notifications.ListNotifications;

/// <summary>The notifications, newest first, only those in <see cref="Status"/> when given (<c>failed</c>: what needs a look).</summary>
public sealed record ListNotificationsQuery(string? Status, int? Limit, string? Cursor)
    : IQuery<Page<NotificationResponse>>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.AdminsOnly;
}
