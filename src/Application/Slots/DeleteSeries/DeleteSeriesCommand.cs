using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Slots.DeleteSeries;

/// <summary>Deletes every future slot of a series that nobody holds a seat in: one operation, one transaction.</summary>
public sealed record DeleteSeriesCommand(Guid SeriesId) : ICommand<SeriesDeleteResponse>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.Specialists;
}
