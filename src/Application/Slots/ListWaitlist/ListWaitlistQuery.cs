using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Slots.ListWaitlist;

/// <summary>
/// A slot's waitlist as its specialist (or an admin) sees it: the customers waiting, first in line first (at most
/// <see cref="Domain.Slots.SlotLimits.MaxWaitingPerSlot"/>, so unpaged).
/// </summary>
public sealed record ListWaitlistQuery(Guid SlotId) : IQuery<IReadOnlyList<WaitlistEntryResponse>>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.Specialists;
}
