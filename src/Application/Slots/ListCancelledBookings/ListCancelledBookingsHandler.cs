using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Slots.GetSlot;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.ListCancelledBookings;

public sealed class ListCancelledBookingsHandler(ISlotReader reader, ICurrentUser user)
    : IQueryHandler<ListCancelledBookingsQuery, IReadOnlyList<BookingResponse>>
{
    public async ValueTask<IReadOnlyList<BookingResponse>> Handle(ListCancelledBookingsQuery query, CancellationToken cancellationToken)
    {
        // Another specialist's slot reads exactly like a missing one: the owner is part of the specification.
        var slot = new SlotByIdSpec(query.SlotId, user.Require().OwnerFilter);
        var limit = query.Limit ?? ListCancelledBookingsQuery.MaxLimit;
        return await reader.ListOfSlotAsync(
            query.SlotId,
            slot,
            q => q.SelectMany(s => s.Bookings)
                .Where(b => b.CancelledAt != null)
                .OrderByDescending(b => b.CancelledAt).ThenByDescending(b => b.Id)
                .Take(limit)
                .ProjectToBookings(),
            cancellationToken);
    }
}
