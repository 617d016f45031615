using Mediator;
using Slots.Application.Common;
using Slots.Application.Common.Security;

namespace Slots.Application.Slots.ListSpecialistSlots;

public sealed class ListSpecialistSlotsHandler(ISlotReader reader, ICurrentUser user, TimeProvider clock)
    : IQueryHandler<ListSpecialistSlotsQuery, Page<SlotResponse>>
{
    public async ValueTask<Page<SlotResponse>> Handle(ListSpecialistSlotsQuery query, CancellationToken cancellationToken)
    {
        var actor = user.Require();
        actor.EnsureManagesSchedule(query.SpecialistEmail);
        var limit = query.Limit ?? Paging.DefaultLimit;
        DateTime? cursor = Paging.TryDecodeCursor(query.Cursor, out var at) ? at : null;
        var filter = new SlotFilter(
            query.ServiceId,
            query.Status is null ? null : ListSpecialistSlotsValidator.Statuses[query.Status],
            query.Booked,
            query.When switch { ListSpecialistSlotsQuery.Past => true, ListSpecialistSlotsQuery.Upcoming => false, _ => null });
        var spec = new SpecialistSlotsSpec(query.SpecialistEmail, actor.OwnerFilter, cursor, limit + 1, clock.GetUtcNow().UtcDateTime, filter);
        var rows = await reader.ListAsync(spec, q => q.ProjectToResponse(), cancellationToken);
        return Paging.ToPage(rows, limit, s => s.StartsAt);
    }
}
