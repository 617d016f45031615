using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Slots.Policies;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.ChangeSeries;

/// <summary>
/// Activates or deactivates every future slot of a series, or sets what they override of the specialist's policy (replaced
/// whole, as for one slot), or both: one operation, one transaction.
/// </summary>
public sealed record ChangeSeriesCommand(Guid SeriesId, SlotStatus? Status, PolicyInput? Policy = null)
    : ICommand<SeriesChangeResponse>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.Specialists;
}
