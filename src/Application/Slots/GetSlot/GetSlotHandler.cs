using Mediator;
using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.GetSlot;

public sealed class GetSlotHandler(ISlotReader reader) : IQueryHandler<GetSlotQuery, SlotResponse>
{
    public async ValueTask<SlotResponse> Handle(GetSlotQuery query, CancellationToken cancellationToken)
    {
        var rows = await reader.ListAsync(new SlotByIdSpec(query.SlotId), q => q.ProjectToResponse(), cancellationToken);
        return rows.Count == 1 ? rows[0] : throw SlotErrors.NotFound(query.SlotId);
    }
}
