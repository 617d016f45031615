using Mediator;
using Slots.Application.Common;

namespace Slots.Application.Notifications.ListNotifications;

public sealed class ListNotificationsHandler(INotificationStore notifications)
    : IQueryHandler<ListNotificationsQuery, Page<NotificationResponse>>
{
    public async ValueTask<Page<NotificationResponse>> Handle(ListNotificationsQuery query, CancellationToken cancellationToken)
    {
        (DateTime, Guid)? after = Paging.TryDecodeCursor(query.Cursor, out var createdAt, out var id) ? (createdAt, id) : null;
        var limit = query.Limit ?? Paging.DefaultLimit;
        NotificationStatus? status = query.Status is null ? null : ListNotificationsValidator.Statuses[query.Status];
        var rows = await notifications.ListAsync(status, after, limit + 1, cancellationToken);
        return Paging.ToPage(rows, limit, last => Paging.EncodeCursor(last.CreatedAt, last.Id));
    }
}
