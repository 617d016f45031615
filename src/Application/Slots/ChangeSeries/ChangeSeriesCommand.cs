using Mediator;
using Slots.Application.Common.Security;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.ChangeSeries;

/// <summary>Activates or deactivates every future slot of a series: one operation, one transaction.</summary>
public sealed record ChangeSeriesCommand(Guid SeriesId, SlotStatus? Status) : ICommand<SeriesChangeResponse>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.Specialists;
}

/// <summary>
/// The series' future slots after the change (its past ones are history and stay as they were); <see cref="Changed"/>
/// counts those whose status moved (each got a <c>slots.slot.changed</c> event).
/// </summary>
public sealed record SeriesChangeResponse(Guid SeriesId, int Changed, IReadOnlyList<SlotResponse> Slots);
