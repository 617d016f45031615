using Slots.Domain.Common;
using Slots.Domain.Slots;

namespace Slots.Domain.UnitTests;

public class SlotTimeTests
{
    private static readonly DateOnly Date = new(2030, 6, 10);

    [Fact]
    public void Converts_local_times_in_the_zone_to_utc_instants()
    {
        var time = SlotTime.Create(Date, new TimeOnly(9, 0), new TimeOnly(10, 30), "Europe/Berlin");

        Assert.Equal(new DateTime(2030, 6, 10, 7, 0, 0, DateTimeKind.Utc), time.StartsAt);
        Assert.Equal(new DateTime(2030, 6, 10, 8, 30, 0, DateTimeKind.Utc), time.EndsAt);
        Assert.Equal(DateTimeKind.Utc, time.StartsAt.Kind);
        Assert.Equal(90, time.DurationMinutes);
    }

    [Theory]
    [InlineData(1, 1, 1, "Asia/Tokyo")]
    [InlineData(1969, 12, 31, "Pacific/Kiritimati")]
    [InlineData(2200, 1, 1, "Etc/GMT+12")]
    [InlineData(9999, 12, 31, "Etc/GMT+12")]
    public void Dates_outside_the_supported_window_are_refused_before_any_arithmetic(int year, int month, int day, string zone)
    {
        var ex = Assert.Throws<DomainException>(() =>
            SlotTime.Create(new DateOnly(year, month, day), new TimeOnly(0, 0), new TimeOnly(23, 59), zone));

        Assert.Equal("date_out_of_range", ex.Code);
        Assert.Equal("date", ex.Target);
    }

    [Theory]
    [InlineData(1970, 1, 1, "Pacific/Kiritimati")]
    [InlineData(2199, 12, 31, "Etc/GMT+12")]
    public void The_window_ends_convert_in_the_extreme_zones(int year, int month, int day, string zone)
    {
        var time = SlotTime.Create(new DateOnly(year, month, day), new TimeOnly(0, 0), new TimeOnly(23, 59), zone);

        Assert.Equal(1439, time.DurationMinutes);
    }

    [Theory]
    [InlineData("10:00", "10:00")]
    [InlineData("10:00", "09:59")]
    public void End_must_be_after_start(string start, string end)
    {
        var ex = Assert.Throws<DomainException>(() =>
            SlotTime.Create(Date, TimeOnly.Parse(start), TimeOnly.Parse(end), "UTC"));

        Assert.Equal("end_not_after_start", ex.Code);
        Assert.Equal(DomainErrorKind.Invalid, ex.Kind);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData("europe/berlin")]
    [InlineData("W. Europe Standard Time")]
    public void Zone_must_be_a_real_iana_zone(string zone)
    {
        var ex = Assert.Throws<DomainException>(() =>
            SlotTime.Create(Date, new TimeOnly(9, 0), new TimeOnly(10, 0), zone));

        Assert.Equal("unknown_time_zone", ex.Code);
        Assert.Equal("timezone", ex.Target);
    }

    [Fact]
    public void A_local_time_in_the_spring_forward_gap_is_rejected()
    {
        // New York skips 02:00-03:00 on the second Sunday of March 2030 (10 March).
        var ex = Assert.Throws<DomainException>(() =>
            SlotTime.Create(new DateOnly(2030, 3, 10), new TimeOnly(2, 30), new TimeOnly(4, 0), "America/New_York"));

        Assert.Equal("nonexistent_local_time", ex.Code);
        Assert.Equal("startTime", ex.Target);
    }

    [Fact]
    public void An_end_time_in_the_gap_is_rejected_too()
    {
        var ex = Assert.Throws<DomainException>(() =>
            SlotTime.Create(new DateOnly(2030, 3, 10), new TimeOnly(1, 0), new TimeOnly(2, 15), "America/New_York"));

        Assert.Equal("endTime", ex.Target);
    }

    [Fact]
    public void An_ambiguous_local_time_in_the_fall_back_overlap_takes_the_earlier_offset()
    {
        // 01:30 happens twice in New York on 3 November 2030: first at EDT (-4), then at EST (-5).
        var time = SlotTime.Create(new DateOnly(2030, 11, 3), new TimeOnly(1, 30), new TimeOnly(1, 45), "America/New_York");

        Assert.Equal(new DateTime(2030, 11, 3, 5, 30, 0, DateTimeKind.Utc), time.StartsAt);
        Assert.Equal(15, time.DurationMinutes);
    }

    [Fact]
    public void A_slot_across_the_spring_change_lasts_its_real_length()
    {
        // 01:30 EST to 03:30 EDT is one hour, not two.
        var time = SlotTime.Create(new DateOnly(2030, 3, 10), new TimeOnly(1, 30), new TimeOnly(3, 30), "America/New_York");

        Assert.Equal(new DateTime(2030, 3, 10, 6, 30, 0, DateTimeKind.Utc), time.StartsAt);
        Assert.Equal(new DateTime(2030, 3, 10, 7, 30, 0, DateTimeKind.Utc), time.EndsAt);
        Assert.Equal(60, time.DurationMinutes);
    }

    [Fact]
    public void A_slot_across_the_fall_change_lasts_its_real_length()
    {
        // 00:30 EDT to 02:30 EST is three hours.
        var time = SlotTime.Create(new DateOnly(2030, 11, 3), new TimeOnly(0, 30), new TimeOnly(2, 30), "America/New_York");

        Assert.Equal(180, time.DurationMinutes);
    }

    [Fact]
    public void Times_are_whole_minutes()
    {
        var ex = Assert.Throws<DomainException>(() =>
            SlotTime.Create(Date, new TimeOnly(9, 0, 30), new TimeOnly(10, 0), "UTC"));

        Assert.Equal("invalid_time", ex.Code);
    }
}
