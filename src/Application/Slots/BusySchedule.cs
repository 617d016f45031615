namespace Slots.Application.Slots;

/// <summary>
/// The times one specialist is busy, in start order, none overlapping another: what a batch of new slots (a series, an
/// import) is checked against, one slot after another, before the overlap constraint would refuse the whole batch.
/// </summary>
public sealed class BusySchedule(IEnumerable<BusyTime> busy)
{
    private readonly List<BusyTime> _busy = [.. busy.OrderBy(b => b.StartsAt)];

    /// <summary>
    /// Adds [<paramref name="startsAt"/>, <paramref name="endsAt"/>) unless it overlaps a time already here. The ranges
    /// never overlap, so their ends are in order too: the first one ending after the new start is the only one that can
    /// overlap it.
    /// </summary>
    public bool TryReserve(DateTime startsAt, DateTime endsAt)
    {
        int low = 0, high = _busy.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_busy[mid].EndsAt <= startsAt)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        if (low < _busy.Count && _busy[low].StartsAt < endsAt)
        {
            return false;
        }

        _busy.Insert(low, new BusyTime(startsAt, endsAt));
        return true;
    }
}
