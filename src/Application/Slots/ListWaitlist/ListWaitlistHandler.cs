using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Slots.GetSlot;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.ListWaitlist;

public sealed class ListWaitlistHandler(ISlotReader reader, ICurrentUser user)
    : IQueryHandler<ListWaitlistQuery, IReadOnlyList<WaitlistEntryResponse>>
{
    public async ValueTask<IReadOnlyList<WaitlistEntryResponse>> Handle(ListWaitlistQuery query, CancellationToken cancellationToken)
    {
        // Another specialist's slot reads exactly like a missing one: the owner is part of the specification.
        var slot = new SlotByIdSpec(query.SlotId, user.Require().OwnerFilter);
        var waiting = await reader.ListOfSlotAsync(
            query.SlotId,
            slot,
            q => q.SelectMany(s => s.Waitlist).Where(e => e.Status == WaitlistStatus.Waiting).OrderBy(e => e.Position),
            cancellationToken);

        return waiting.Select((entry, i) => entry.ToResponse(position: i + 1)).ToList();
    }
}
