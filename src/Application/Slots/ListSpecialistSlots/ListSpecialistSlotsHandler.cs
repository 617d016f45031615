using Mediator;
using Slots.Application.Common;
using Slots.Application.Common.Security;

namespace Slots.Application.Slots.ListSpecialistSlots;

public sealed class ListSpecialistSlotsHandler(ISlotReader reader, ICurrentUser user)
    : IQueryHandler<ListSpecialistSlotsQuery, Page<SlotResponse>>
{
    public async ValueTask<Page<SlotResponse>> Handle(ListSpecialistSlotsQuery query, CancellationToken cancellationToken)
    {
        var actor = user.Require();
        actor.EnsureManagesSchedule(query.SpecialistEmail);
        var limit = query.Limit ?? Paging.DefaultLimit;
        DateTime? after = Paging.TryDecodeCursor(query.Cursor, out var cursor) ? cursor : null;
        var spec = new SpecialistSlotsSpec(query.SpecialistEmail, actor.OwnerFilter, after, limit + 1, query.ServiceId);
        var rows = await reader.ListAsync(spec, q => q.ProjectToResponse(), cancellationToken);
        return Paging.ToPage(rows, limit, s => s.StartsAt);
    }
}
