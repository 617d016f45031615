using Slots.Domain.Common;

namespace Slots.Application.Events;

public static class EventErrors
{
    public static DomainException PositionExpired(EventPosition after) =>
        new("position_expired",
            $"The events after {after} are past the retention and deleted: this consumer has missed some. Start again from the feed's beginning (no 'after') and reconcile.",
            DomainErrorKind.Gone);
}
