using Mediator;
using Slots.Application.Common;
using Slots.Application.Common.Security;

namespace Slots.Application.Slots.ListMyBookings;

public sealed class ListMyBookingsHandler(ISlotReader reader, ICurrentUser user, TimeProvider clock)
    : IQueryHandler<ListMyBookingsQuery, Page<MyBookingResponse>>
{
    public async ValueTask<Page<MyBookingResponse>> Handle(ListMyBookingsQuery query, CancellationToken cancellationToken)
    {
        // A customer's bookings are theirs by id (the token's subject), as booking and cancelling name them.
        var customerId = user.Require().Subject;
        var limit = query.Limit ?? Paging.DefaultLimit;
        (DateTime, Guid)? after = Paging.TryDecodeCursor(query.Cursor, out var startsAt, out var id) ? (startsAt, id) : null;
        var spec = new MyBookingsSpec(customerId, clock.GetUtcNow().UtcDateTime, after, limit + 1, query.IsPast);
        var rows = await reader.ListAsync(spec, q => q.ProjectToMyBookings(customerId), cancellationToken);
        return Paging.ToPage(rows, limit, b => b.StartsAt, b => b.SlotId);
    }
}
