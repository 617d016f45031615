using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Slots.DeleteSeries;

/// <summary>Deletes every future slot of a series that nobody holds a seat in: one operation, one transaction.</summary>
public sealed record DeleteSeriesCommand(Guid SeriesId) : ICommand<SeriesDeleteResponse>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.Specialists;
}

/// <summary>
/// The ids of the slots deleted (each got a <c>slots.slot.deleted</c> event) and the future slots kept because someone
/// holds a seat; past slots are history and stay.
/// </summary>
public sealed record SeriesDeleteResponse(Guid SeriesId, IReadOnlyList<Guid> Deleted, IReadOnlyList<SlotResponse> Kept);
