using Mediator;
using Slots.Application.Common.Security;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.GetSeries;

public sealed class GetSeriesHandler(ISlotReader reader, ICurrentUser user) : IQueryHandler<GetSeriesQuery, IReadOnlyList<SlotResponse>>
{
    public async ValueTask<IReadOnlyList<SlotResponse>> Handle(GetSeriesQuery query, CancellationToken cancellationToken)
    {
        // Another specialist's series reads exactly like a missing one: the owner is part of the query.
        var rows = await reader.ListAsync(
            new SlotsInSeriesSpec(query.SeriesId, user.Require().OwnerFilter), q => q.ProjectToResponse(), cancellationToken);
        return rows.Count > 0 ? rows : throw SlotErrors.SeriesNotFound(query.SeriesId);
    }
}
