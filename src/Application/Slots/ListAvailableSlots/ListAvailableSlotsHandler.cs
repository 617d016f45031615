using Mediator;
using Slots.Application.Common;

namespace Slots.Application.Slots.ListAvailableSlots;

public sealed class ListAvailableSlotsHandler(ISlotReader reader, TimeProvider clock)
    : IQueryHandler<ListAvailableSlotsQuery, Page<AvailableSlotResponse>>
{
    public async ValueTask<Page<AvailableSlotResponse>> Handle(ListAvailableSlotsQuery query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (from, to) = query.Range(DateOnly.FromDateTime(now));
        var limit = query.Limit ?? Paging.DefaultLimit;
        DateTime? after = Paging.TryDecodeCursor(query.Cursor, out var cursor) ? cursor : null;

        var criteria = new AvailableSlotsCriteria(query.SpecialistEmail, from, to, now, after, limit + 1, query.ServiceId)
        {
            IncludeFull = query.IncludeFull,
            ReadAfter = query.ReadAfter,
        };
        var rows = await reader.ListAvailableAsync(criteria, cancellationToken);
        return Paging.ToPage(rows, limit, s => s.StartsAt);
    }
}
