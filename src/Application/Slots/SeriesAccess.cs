using Slots.Application.Common;
using Slots.Application.Common.Security;
using Slots.Domain.Slots;

namespace Slots.Application.Slots;

/// <summary>A series for a bulk change: its slots locked, and only for its specialist or an admin.</summary>
internal static class SeriesAccess
{
    /// <summary>The series' slots, locked; 404 <c>series_not_found</c> when there are none the caller manages.</summary>
    public static async Task<IReadOnlyList<Slot>> LoadAsync(
        ISlotRepository slots, ICurrentUser user, Guid seriesId, CancellationToken cancellationToken)
    {
        var actor = user.Require();
        var series = await slots.GetSeriesForUpdateAsync(seriesId, cancellationToken);
        // Like a slot, a series of another specialist answers exactly like a missing one.
        return series.Count > 0 && series.All(actor.Manages) ? series : throw SlotErrors.SeriesNotFound(seriesId);
    }
}
