using Mediator;
using Slots.Application.Common.Security;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.GetSlot;

public sealed class GetSlotHandler(ISlotReader reader, ICurrentUser user) : IQueryHandler<GetSlotQuery, SlotResponse>
{
    public async ValueTask<SlotResponse> Handle(GetSlotQuery query, CancellationToken cancellationToken)
    {
        // Another specialist's slot reads exactly like a missing one: the owner is part of the query.
        var rows = await reader.ListAsync(new SlotByIdSpec(query.SlotId, user.Require().OwnerFilter), q => q.ProjectToResponse(), cancellationToken);
        return rows.Count == 1 ? rows[0] : throw SlotErrors.NotFound(query.SlotId);
    }
}
