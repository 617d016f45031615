using Mediator;
using Slots.Application.Common.Security;
using Slots.Domain.Slots;

namespace Slots.Application.Calendars.GetBookingCalendar;

public sealed class GetBookingCalendarHandler(ICalendarFeeds feeds, ICalendarWriter writer, ICurrentUser user)
    : IQueryHandler<GetBookingCalendarQuery, string>
{
    public async ValueTask<string> Handle(GetBookingCalendarQuery query, CancellationToken cancellationToken)
    {
        var customer = user.Require().Subject;
        var session = await feeds.BookingAsync(query.SlotId, customer, cancellationToken)
            ?? throw SlotErrors.BookingNotFound(query.SlotId, customer);
        return writer.Write([session], null, "Consulting session");
    }
}
