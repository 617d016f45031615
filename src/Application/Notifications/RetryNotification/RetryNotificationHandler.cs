using Mediator;

namespace Slots.Application.Notifications.RetryNotification;

public sealed class RetryNotificationHandler(INotificationStore notifications) : ICommandHandler<RetryNotificationCommand, NotificationResponse>
{
    public async ValueTask<NotificationResponse> Handle(RetryNotificationCommand command, CancellationToken cancellationToken)
    {
        var (notification, inFlight) = await notifications.RetryAsync(command.NotificationId, cancellationToken);
        return inFlight ? throw NotificationErrors.InFlight(command.NotificationId)
            : notification ?? throw NotificationErrors.NotFound(command.NotificationId);
    }
}
