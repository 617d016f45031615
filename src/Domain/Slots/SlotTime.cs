namespace Slots.Domain.Slots;

/// <summary>
/// When a slot happens: the specialist's local date, start and end time in an IANA time zone, and the
/// UTC instants they stand for. Local times that the clocks skip (a DST gap) are refused; a local time
/// that happens twice (a DST overlap) takes the earlier of its two instants. The duration is measured
/// between the instants, so a slot across a DST change has its real length.
/// </summary>
public sealed record SlotTime
{
    private SlotTime(DateOnly date, TimeOnly start, TimeOnly end, string timezone, DateTime startsAt, DateTime endsAt)
    {
        Date = date;
        StartTime = start;
        EndTime = end;
        Timezone = timezone;
        StartsAt = startsAt;
        EndsAt = endsAt;
    }

    /// <summary>The specialist's local date.</summary>
    public DateOnly Date { get; }

    /// <summary>Local start time.</summary>
    public TimeOnly StartTime { get; }

    /// <summary>Local end time, after <see cref="StartTime"/> on the same date.</summary>
    public TimeOnly EndTime { get; }

    /// <summary>IANA time zone id, for example <c>Europe/Berlin</c>.</summary>
    public string Timezone { get; }

    /// <summary>The UTC instant the slot starts.</summary>
    public DateTime StartsAt { get; }

    /// <summary>The UTC instant the slot ends.</summary>
    public DateTime EndsAt { get; }

    /// <summary>Real length in minutes, between the two instants.</summary>
    public int DurationMinutes => (int)(EndsAt - StartsAt).TotalMinutes;

    /// <summary>Resolves local date and times in a zone to UTC instants, enforcing the time rules.</summary>
    /// <exception cref="Common.DomainException">When a rule is broken.</exception>
    public static SlotTime Create(DateOnly date, TimeOnly start, TimeOnly end, string timezone)
    {
        if (!SlotLimits.IsSupported(date))
        {
            throw SlotErrors.DateOutOfRange(date);
        }

        var zone = FindIanaZone(timezone);
        if (start.Second != 0 || start.Millisecond != 0 || start.Microsecond != 0)
        {
            throw SlotErrors.NotWholeMinutes("startTime");
        }

        if (end.Second != 0 || end.Millisecond != 0 || end.Microsecond != 0)
        {
            throw SlotErrors.NotWholeMinutes("endTime");
        }

        if (end <= start)
        {
            throw SlotErrors.EndNotAfterStart();
        }

        var startsAt = ToUtc(date, start, zone, "startTime");
        var endsAt = ToUtc(date, end, zone, "endTime");
        if (endsAt <= startsAt)
        {
            // Only possible when both ends sit in a DST overlap; the instants decide.
            throw SlotErrors.EndNotAfterStart();
        }

        return new SlotTime(date, start, end, zone.Id, startsAt, endsAt);
    }

    /// <summary>The IANA zone <paramref name="timezone"/> names, as it is spelt (a customer's own zone, say).</summary>
    /// <exception cref="Common.DomainException"><c>unknown_time_zone</c>.</exception>
    public static string IanaZone(string timezone) => FindIanaZone(timezone).Id;

    private static TimeZoneInfo FindIanaZone(string timezone)
    {
        // Windows ids (for example "Pacific Standard Time") resolve on some systems too; we accept IANA ids only.
        if (string.IsNullOrWhiteSpace(timezone)
            || !TimeZoneInfo.TryFindSystemTimeZoneById(timezone, out var zone)
            || !zone.HasIanaId
            || !string.Equals(zone.Id, timezone, StringComparison.Ordinal))
        {
            throw SlotErrors.UnknownTimeZone(timezone);
        }

        return zone;
    }

    private static DateTime ToUtc(DateOnly date, TimeOnly time, TimeZoneInfo zone, string field)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            throw SlotErrors.NonexistentLocalTime(field, date, time, zone.Id);
        }

        // In an overlap the larger offset is the one in force first, so it gives the earlier instant.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }
}
