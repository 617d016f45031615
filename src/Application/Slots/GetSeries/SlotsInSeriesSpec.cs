using Ardalis.Specification;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.GetSeries;

/// <summary>The slots of a series that <paramref name="owner"/> owns (any owner's for an admin), in start order.</summary>
public sealed class SlotsInSeriesSpec : Specification<Slot>
{
    public SlotsInSeriesSpec(Guid seriesId, (string Issuer, string Subject)? owner) =>
        Query.Where(s => s.SeriesId == seriesId).OwnedBy(owner).OrderBy(s => s.StartsAt);
}
