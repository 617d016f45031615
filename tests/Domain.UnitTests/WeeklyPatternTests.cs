using Slots.Domain.Common;
using Slots.Domain.Slots;

namespace Slots.Domain.UnitTests;

public class WeeklyPatternTests
{
    private static readonly DateOnly Monday = new(2030, 1, 7);

    private static WeeklyPattern Pattern(
        DateOnly to, DayOfWeek[] days, int slot, int gap = 0, params (int From, int To)[] hours) =>
        WeeklyPattern.Create(
            Monday, to, days, hours.Select(h => new TimeWindow(new TimeOnly(h.From, 0), new TimeOnly(h.To, 0))), slot, gap);

    [Fact]
    public void Fills_each_listed_day_window_by_window_in_order()
    {
        var pattern = Pattern(Monday.AddDays(6), [DayOfWeek.Wednesday, DayOfWeek.Monday], 60, 0, (14, 16), (9, 11));

        Assert.Equal(
            [
                new LocalSlot(Monday, new(9, 0), new(10, 0)), new LocalSlot(Monday, new(10, 0), new(11, 0)),
                new LocalSlot(Monday, new(14, 0), new(15, 0)), new LocalSlot(Monday, new(15, 0), new(16, 0)),
                new LocalSlot(Monday.AddDays(2), new(9, 0), new(10, 0)), new LocalSlot(Monday.AddDays(2), new(10, 0), new(11, 0)),
                new LocalSlot(Monday.AddDays(2), new(14, 0), new(15, 0)), new LocalSlot(Monday.AddDays(2), new(15, 0), new(16, 0)),
            ],
            pattern.Slots());
        Assert.Equal(8, pattern.Count);
    }

    [Theory]
    [InlineData(60, 0, 3)]
    [InlineData(45, 15, 3)]
    [InlineData(50, 15, 3)]
    [InlineData(60, 1, 2)]
    [InlineData(180, 0, 1)]
    [InlineData(2, 0, 90)]
    public void The_count_is_what_the_slots_are(int slot, int gap, int perDay)
    {
        var pattern = Pattern(Monday.AddDays(13), [DayOfWeek.Monday, DayOfWeek.Friday], slot, gap, (9, 12));

        Assert.Equal(4 * perDay, pattern.Count);
        Assert.Equal(pattern.Count, pattern.Slots().Count());
        Assert.All(pattern.Slots(), s => Assert.True(s.End <= new TimeOnly(12, 0) && s.End > s.Start));
    }

    [Fact]
    public void Five_hundred_slots_is_the_most_and_the_refusal_says_how_many()
    {
        var all = Enum.GetValues<DayOfWeek>();
        Assert.Equal(500, Pattern(Monday.AddDays(24), all, 30, 0, (8, 18)).Count);

        var refusal = Assert.Throws<DomainException>(() => Pattern(Monday.AddDays(25), all, 30, 0, (8, 18)));
        Assert.Equal("series_too_large", refusal.Code);
        Assert.Contains("520", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_two_year_range_of_one_minute_slots_is_counted_without_being_made()
    {
        var huge = Assert.Throws<DomainException>(() =>
            WeeklyPattern.Create(Monday, Monday.AddDays(730), Enum.GetValues<DayOfWeek>(), [new TimeWindow(TimeOnly.MinValue, new TimeOnly(23, 59))], 1, 0));
        Assert.Contains((731L * 1439).ToString(System.Globalization.CultureInfo.InvariantCulture), huge.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, 60, 0, "to")]
    [InlineData(731, 60, 0, "to")]
    [InlineData(6, 0, 0, "slotMinutes")]
    [InlineData(6, 1440, 0, "slotMinutes")]
    [InlineData(6, 60, -1, "gapMinutes")]
    [InlineData(6, 240, 0, "windows")]
    public void Refuses_a_pattern_that_makes_no_sense(int days, int slot, int gap, string field)
    {
        var refusal = Assert.Throws<DomainException>(() => Pattern(Monday.AddDays(days), [DayOfWeek.Monday], slot, gap, (9, 12)));

        Assert.Equal("invalid_pattern", refusal.Code);
        Assert.Equal(field, refusal.Target);
    }

    [Fact]
    public void Refuses_overlapping_windows_no_days_no_windows_and_seconds()
    {
        Assert.Equal("invalid_time", Assert.Throws<DomainException>(() => WeeklyPattern.Create(
            Monday, Monday, [DayOfWeek.Monday], [new TimeWindow(new TimeOnly(9, 0, 30), new TimeOnly(10, 0))], 30, 0)).Code);
        Assert.Equal("windows", Assert.Throws<DomainException>(() => Pattern(Monday, [DayOfWeek.Monday], 30, 0, (9, 11), (10, 12))).Target);
        Assert.Equal("windows", Assert.Throws<DomainException>(() => Pattern(Monday, [DayOfWeek.Monday], 30, 0, (11, 10))).Target);
        Assert.Equal("weekdays", Assert.Throws<DomainException>(() => Pattern(Monday, [], 30, 0, (9, 10))).Target);
        Assert.Equal("windows", Assert.Throws<DomainException>(() => Pattern(Monday, [DayOfWeek.Monday], 30, 0)).Target);
        // Touching windows are fine: one ends where the next begins.
        Assert.Equal(4, Pattern(Monday, [DayOfWeek.Monday], 30, 0, (9, 10), (10, 11)).Count);
    }

    [Fact]
    public void A_slot_made_in_a_series_carries_its_id()
    {
        var series = Guid.CreateVersion7();
        var time = SlotTime.Create(new DateOnly(2030, 1, 16), new TimeOnly(10, 0), new TimeOnly(11, 0), "UTC");

        var slot = Slot.Create(SlotFactory.Ann, null, time, 1, SlotFactory.Now, series);

        Assert.Equal(series, slot.SeriesId);
        Assert.Null(SlotFactory.Tomorrow().SeriesId);
    }
}
