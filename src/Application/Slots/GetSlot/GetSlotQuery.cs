using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Slots.GetSlot;

public sealed record GetSlotQuery(Guid SlotId) : IQuery<SlotResponse>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.Specialists;
}
