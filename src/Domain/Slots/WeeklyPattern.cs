using Slots.Domain.Common;

namespace Slots.Domain.Slots;

/// <summary>
/// "Set availability once": the days in [<see cref="From"/>, <see cref="To"/>] whose weekday is listed, each filled with
/// back-to-back slots of <see cref="SlotMinutes"/> (with <see cref="GapMinutes"/> between them) in every window. Times are
/// local, so 09:00 stays 09:00 on either side of a DST change. A pattern makes at most <see cref="MaxSlots"/> slots.
/// </summary>
public sealed record WeeklyPattern
{
    /// <summary>Most slots one pattern may make (one request, one transaction).</summary>
    public const int MaxSlots = 500;

    /// <summary>Most windows in a day.</summary>
    public const int MaxWindows = 24;

    private WeeklyPattern(
        DateOnly from, DateOnly to, IReadOnlySet<DayOfWeek> weekdays, IReadOnlyList<TimeWindow> windows, int slotMinutes, int gapMinutes)
    {
        From = from;
        To = to;
        Weekdays = weekdays;
        Windows = windows;
        SlotMinutes = slotMinutes;
        GapMinutes = gapMinutes;
    }

    /// <summary>The first local date (inclusive).</summary>
    public DateOnly From { get; }

    /// <summary>The last local date (inclusive).</summary>
    public DateOnly To { get; }

    /// <summary>The days of the week that get slots.</summary>
    public IReadOnlySet<DayOfWeek> Weekdays { get; }

    /// <summary>The windows in time order; none overlaps another.</summary>
    public IReadOnlyList<TimeWindow> Windows { get; }

    /// <summary>Each slot's length in local minutes.</summary>
    public int SlotMinutes { get; }

    /// <summary>Minutes between one slot's end and the next one's start in a window.</summary>
    public int GapMinutes { get; }

    /// <summary>How many slots the pattern makes: computed, not enumerated.</summary>
    public int Count { get; private init; }

    /// <summary>Checks the pattern and counts its slots.</summary>
    /// <exception cref="DomainException">
    /// <c>invalid_pattern</c> when a rule of its shape is broken; <c>series_too_large</c> above <see cref="MaxSlots"/>.
    /// </exception>
    public static WeeklyPattern Create(
        DateOnly from, DateOnly to, IEnumerable<DayOfWeek> weekdays, IEnumerable<TimeWindow> windows, int slotMinutes, int gapMinutes)
    {
        ArgumentNullException.ThrowIfNull(weekdays);
        ArgumentNullException.ThrowIfNull(windows);
        if (!SlotLimits.IsSupported(from) || !SlotLimits.IsSupported(to))
        {
            throw SlotErrors.DateOutOfRange(SlotLimits.IsSupported(from) ? to : from);
        }

        if (to < from)
        {
            throw Invalid("to", "'to' must not be before 'from'.");
        }

        if (to.DayNumber - from.DayNumber > SlotLimits.MaxDaysAhead)
        {
            throw Invalid("to", $"A series spans at most {SlotLimits.MaxDaysAhead} days.");
        }

        if (slotMinutes is < 1 or >= 24 * 60)
        {
            throw Invalid("slotMinutes", "'slotMinutes' must be between 1 and 1439.");
        }

        if (gapMinutes is < 0 or >= 24 * 60)
        {
            throw Invalid("gapMinutes", "'gapMinutes' must be between 0 and 1439.");
        }

        var days = weekdays.ToHashSet();
        if (days.Count == 0)
        {
            throw Invalid("weekdays", "Name at least one weekday.");
        }

        var ordered = windows.OrderBy(w => w.Start).ToList();
        if (ordered.Count is 0 or > MaxWindows)
        {
            throw Invalid("windows", $"Give 1 to {MaxWindows} windows.");
        }

        for (var i = 0; i < ordered.Count; i++)
        {
            var window = ordered[i];
            if (window.Start.Second != 0 || window.End.Second != 0 || window.Start.Millisecond != 0 || window.End.Millisecond != 0)
            {
                throw SlotErrors.NotWholeMinutes("windows");
            }

            if (window.End <= window.Start)
            {
                throw Invalid("windows", $"A window's endTime must be after its startTime ({Text(window)}).");
            }

            if ((window.End - window.Start).TotalMinutes < slotMinutes)
            {
                throw Invalid("windows", $"The window {Text(window)} is shorter than one slot of {slotMinutes} minutes.");
            }

            if (i > 0 && ordered[i - 1].End > window.Start)
            {
                throw Invalid("windows", $"The windows {Text(ordered[i - 1])} and {Text(window)} overlap.");
            }
        }

        var pattern = new WeeklyPattern(from, to, days, ordered, slotMinutes, gapMinutes);
        var count = (long)pattern.Dates().Count() * ordered.Sum(pattern.SlotsIn);
        if (count > MaxSlots)
        {
            throw new DomainException(
                "series_too_large",
                $"The pattern makes {count} slots; a series makes at most {MaxSlots} per request. Split the range.",
                DomainErrorKind.Invalid);
        }

        return pattern with { Count = (int)count };
    }

    /// <summary>Every slot of the pattern, in local date and time order.</summary>
    public IEnumerable<LocalSlot> Slots()
    {
        foreach (var date in Dates())
        {
            foreach (var window in Windows)
            {
                var start = window.Start;
                for (var i = 0; i < SlotsIn(window); i++)
                {
                    var end = start.AddMinutes(SlotMinutes);
                    yield return new LocalSlot(date, start, end);
                    start = end.AddMinutes(GapMinutes);
                }
            }
        }
    }

    private IEnumerable<DateOnly> Dates()
    {
        for (var date = From; date <= To; date = date.AddDays(1))
        {
            if (Weekdays.Contains(date.DayOfWeek))
            {
                yield return date;
            }
        }
    }

    private int SlotsIn(TimeWindow window)
    {
        var minutes = (int)(window.End - window.Start).TotalMinutes;
        return minutes < SlotMinutes ? 0 : 1 + ((minutes - SlotMinutes) / (SlotMinutes + GapMinutes));
    }

    private static DomainException Invalid(string field, string message) =>
        new("invalid_pattern", message, DomainErrorKind.Invalid, field);

    private static string Text(TimeWindow window) => $"{window.Start:HH\\:mm}-{window.End:HH\\:mm}";
}
