using Slots.Domain.Common;

namespace Slots.Application.Notifications;

public static class NotificationErrors
{
    public static DomainException NotFound(Guid id) =>
        new("notification_not_found", $"There is no notification {id}.", DomainErrorKind.NotFound);

    public static DomainException InFlight(Guid id) =>
        new("notification_in_flight", $"Notification {id} is being sent right now; ask again once its attempt ends.", DomainErrorKind.Conflict);
}
