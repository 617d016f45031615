using Mediator;
using Slots.Application.Common;
using Slots.Application.Common.Security;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.GetSlot;

public sealed class GetSlotHandler(ISlotReader reader, ICurrentUser user) : IQueryHandler<GetSlotQuery, SlotResponse>
{
    public async ValueTask<SlotResponse> Handle(GetSlotQuery query, CancellationToken cancellationToken)
    {
        var rows = await reader.ListAsync(new SlotByIdSpec(query.SlotId), q => q.ProjectToResponse(), cancellationToken);
        // Another specialist's slot reads exactly like a missing one.
        return rows.Count == 1 && user.Require().Manages(rows[0].SpecialistEmail) ? rows[0] : throw SlotErrors.NotFound(query.SlotId);
    }
}
