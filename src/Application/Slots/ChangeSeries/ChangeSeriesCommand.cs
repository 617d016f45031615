using Mediator;
using Slots.Application.Common.Security;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.ChangeSeries;

/// <summary>Activates or deactivates every future slot of a series: one operation, one transaction.</summary>
public sealed record ChangeSeriesCommand(Guid SeriesId, SlotStatus? Status) : ICommand<SeriesChangeResponse>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.Specialists;
}
