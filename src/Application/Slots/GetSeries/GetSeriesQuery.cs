using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Slots.GetSeries;

/// <summary>Every slot of a series, past and future, in start order (a series has at most 500).</summary>
public sealed record GetSeriesQuery(Guid SeriesId) : IQuery<IReadOnlyList<SlotResponse>>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.Specialists;
}
