using Slots.Application.Common.Security;
using Slots.Domain.Slots;

namespace Slots.Application.Slots;

/// <summary>A series for a bulk change: its slots locked, and only for its specialist or an admin.</summary>
internal static class SeriesAccess
{
    /// <summary>
    /// The series' slots that have not started, locked, in start order: a bulk change leaves the past ones as history.
    /// 404 <c>series_not_found</c> when the series has no slot the caller manages (a series all in the past is found,
    /// with nothing to change).
    /// </summary>
    public static async Task<IEnumerable<Slot>> FutureSlotsAsync(
        ISlotRepository slots, ICurrentUser user, TimeProvider clock, Guid seriesId, CancellationToken cancellationToken)
    {
        var actor = user.Require();
        var series = await slots.GetSeriesForUpdateAsync(seriesId, cancellationToken);
        // Like a slot, a series of another specialist answers exactly like a missing one.
        if (series.Count == 0 || !series.All(actor.Manages))
        {
            throw SlotErrors.SeriesNotFound(seriesId);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        return series.Where(s => s.StartsAt > now);
    }
}
