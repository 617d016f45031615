using Slots.Domain.Common;
using Slots.Domain.Slots;
using static Slots.Domain.UnitTests.SlotFactory;

namespace Slots.Domain.UnitTests;

/// <summary>"Cancel if allowed": the booking and cancellation notices, at their boundaries, and the reason rule.</summary>
public class PolicyTests
{
    // Tomorrow() starts 2030-01-16 10:00 UTC, 22 hours after Now.
    private static readonly DateTimeOffset Start = new(2030, 1, 16, 10, 0, 0, TimeSpan.Zero);

    private static readonly BookingPolicy DayNotice = new(24 * 60, 24 * 60, ReasonRule.Optional);

    private static readonly BookingPolicy DayToCancel = new(0, 24 * 60, ReasonRule.Optional);

    [Fact]
    public void A_slot_can_be_booked_until_the_notice_itself_and_not_a_second_later()
    {
        var notice = new BookingPolicy(60, 0, ReasonRule.Optional);
        var slot = Tomorrow(capacity: 3);

        slot.Book(Customer(1), Start.AddMinutes(-60).AddSeconds(-1), notice);
        slot.Book(Customer(2), Start.AddMinutes(-60), notice);
        var late = Assert.Throws<DomainException>(() => slot.Book(Customer(3), Start.AddMinutes(-60).AddSeconds(1), notice));

        Assert.Equal("booking_window_closed", late.Code);
        Assert.Contains("2030-01-16T09:00:00Z", late.Message);
        Assert.Equal(2, slot.BookedCount);
    }

    [Fact]
    public void The_slots_override_wins_over_the_specialists_policy_part_by_part()
    {
        var time = SlotTime.Create(new DateOnly(2030, 1, 16), new TimeOnly(10, 0), new TimeOnly(11, 0), "UTC");
        var slot = Slot.Create(Ann, null, time, 2, Now, policy: new PolicyOverride(BookingNoticeMinutes: 0));

        var booking = slot.Book(Customer(1), Start.AddHours(-1), DayNotice);

        Assert.Equal(new BookingPolicy(0, 24 * 60, ReasonRule.Optional), booking.Policy);
        Assert.Equal(Start.AddDays(-1).UtcDateTime, booking.CancellableUntil);
    }

    [Fact]
    public void Without_an_override_the_specialists_policy_applies()
    {
        var slot = Tomorrow();

        var ex = Assert.Throws<DomainException>(() => slot.Book(Customer(1), Now, DayNotice));

        Assert.Equal("booking_window_closed", ex.Code);
    }

    [Fact]
    public void A_customer_cancels_until_the_notice_itself_and_not_a_second_later()
    {
        var policy = new BookingPolicy(0, 120, ReasonRule.Optional);
        var slot = Tomorrow(capacity: 3);
        foreach (var n in new[] { 1, 2, 3 })
        {
            slot.Book(Customer(n), Now, policy);
        }

        var until = Start.AddMinutes(-120);
        Assert.All(slot.Bookings, b => Assert.Equal(until.UtcDateTime, b.CancellableUntil));
        slot.CancelBooking("cust-1", until.AddSeconds(-1), CancelledBy.Customer, null);
        slot.CancelBooking("cust-2", until, CancelledBy.Customer, null);
        var late = Assert.Throws<DomainException>(() => slot.CancelBooking("cust-3", until.AddSeconds(1), CancelledBy.Customer, null));

        Assert.Equal("cancellation_window_closed", late.Code);
        Assert.Contains("2030-01-16T08:00:00Z", late.Message);
        Assert.Equal(1, slot.BookedCount);
        Assert.All(slot.Bookings.Where(b => !b.IsLive), b => Assert.False(b.CancelledLate));
    }

    [Theory]
    [InlineData(CancelledBy.Specialist)]
    [InlineData(CancelledBy.Admin)]
    public void The_specialist_and_an_admin_cancel_late_and_the_booking_says_so(CancelledBy by)
    {
        var slot = Tomorrow();
        slot.Book(Customer(1), Now, DayToCancel);

        var booking = slot.CancelBooking("cust-1", Now.AddHours(1), by, "  Ill today  ");

        Assert.Equal(by, booking.CancelledBy);
        Assert.Equal("Ill today", booking.CancellationReason);
        Assert.True(booking.CancelledLate);
        Assert.Equal(Now.AddHours(1).UtcDateTime, booking.CancelledAt);
    }

    [Fact]
    public void A_service_acting_for_the_customer_is_bound_like_the_customer()
    {
        var slot = Tomorrow();
        slot.Book(Customer(1), Now, DayToCancel);

        var ex = Assert.Throws<DomainException>(() => slot.CancelBooking("cust-1", Now, CancelledBy.Service, "x"));

        Assert.Equal("cancellation_window_closed", ex.Code);
        Assert.True(slot.Bookings.Single().IsLive);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_required_reason_must_be_given_by_anyone(string? reason)
    {
        var slot = Tomorrow(capacity: 2);
        var policy = new BookingPolicy(0, 0, ReasonRule.Required);
        slot.Book(Customer(1), Now, policy);
        slot.Book(Customer(2), Now, policy);

        Assert.Equal("cancellation_reason_required",
            Assert.Throws<DomainException>(() => slot.CancelBooking("cust-1", Now, CancelledBy.Customer, reason)).Code);
        Assert.Equal("cancellation_reason_required",
            Assert.Throws<DomainException>(() => slot.CancelBooking("cust-2", Now, CancelledBy.Specialist, reason)).Code);
        Assert.Equal(2, slot.BookedCount);
        slot.CancelBooking("cust-1", Now, CancelledBy.Customer, "Moved away");
        Assert.Equal(1, slot.BookedCount);
    }

    [Fact]
    public void A_late_customer_hears_of_the_window_before_the_missing_reason()
    {
        var slot = Tomorrow();
        slot.Book(Customer(1), Now, new BookingPolicy(0, 24 * 60, ReasonRule.Required));

        Assert.Equal("cancellation_window_closed",
            Assert.Throws<DomainException>(() => slot.CancelBooking("cust-1", Now, CancelledBy.Customer, null)).Code);
    }

    [Fact]
    public void A_booking_keeps_its_policy_when_the_slots_override_changes()
    {
        var slot = Tomorrow(capacity: 2);
        slot.Book(Customer(1), Now, BookingPolicy.Default);
        var version = slot.Version;

        slot.ChangePolicy(new PolicyOverride(CancelNoticeMinutes: 24 * 60, CancellationReason: ReasonRule.Required), Now);
        slot.ChangePolicy(new PolicyOverride(CancelNoticeMinutes: 24 * 60, CancellationReason: ReasonRule.Required), Now);
        var second = slot.Book(Customer(2), Now, BookingPolicy.Default);

        Assert.Equal(version + 2, slot.Version);
        var first = slot.Bookings.First();
        Assert.Equal(BookingPolicy.Default, first.Policy);
        Assert.Equal(Start.UtcDateTime, first.CancellableUntil);
        Assert.Equal(ReasonRule.Required, second.Policy.CancellationReason);
        slot.CancelBooking("cust-1", Start.AddMinutes(-1), CancelledBy.Customer, null);
    }

    [Fact]
    public void When_the_specialist_moves_the_slot_the_customer_may_cancel_until_the_new_start()
    {
        var slot = Tomorrow();
        var booking = slot.Book(Customer(1), Now, new BookingPolicy(0, 6 * 60, ReasonRule.Optional));

        slot.ChangeTimes(new TimeOnly(15, 0), new TimeOnly(16, 0), Now);

        Assert.Equal(new DateTime(2030, 1, 16, 15, 0, 0, DateTimeKind.Utc), booking.CancellableUntil);
        slot.CancelBooking("cust-1", new DateTimeOffset(2030, 1, 16, 14, 59, 0, TimeSpan.Zero), CancelledBy.Customer, null);
    }

    [Fact]
    public void Notices_count_real_minutes_across_a_daylight_saving_change()
    {
        // Berlin leaves summer time on 2030-10-27 at 03:00 local: the day before a 10:00 start has 25 hours.
        var now = new DateTimeOffset(2030, 10, 20, 12, 0, 0, TimeSpan.Zero);
        var time = SlotTime.Create(new DateOnly(2030, 10, 27), new TimeOnly(10, 0), new TimeOnly(11, 0), "Europe/Berlin");
        var slot = Slot.Create(Ann, null, time, 1, now);

        var booking = slot.Book(Customer(1), now, new BookingPolicy(0, 24 * 60, ReasonRule.Optional));

        // 10:00 CET is 09:00 UTC; 24 real hours earlier is 09:00 UTC on the 26th, 11:00 summer time in Berlin.
        Assert.Equal(new DateTime(2030, 10, 26, 9, 0, 0, DateTimeKind.Utc), booking.CancellableUntil);
        Assert.Equal("cancellation_window_closed", Assert.Throws<DomainException>(() =>
            slot.CancelBooking("cust-1", new DateTimeOffset(2030, 10, 26, 9, 0, 1, TimeSpan.Zero), CancelledBy.Customer, null)).Code);
        slot.CancelBooking("cust-1", new DateTimeOffset(2030, 10, 26, 9, 0, 0, TimeSpan.Zero), CancelledBy.Customer, null);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, -1)]
    [InlineData(SlotLimits.MaxNoticeMinutes + 1, 0)]
    [InlineData(0, int.MaxValue)]
    [InlineData(int.MinValue, 0)]
    public void Notices_outside_zero_to_a_year_are_refused(int booking, int cancel)
    {
        Assert.Equal("invalid_policy", Assert.Throws<DomainException>(() => BookingPolicy.Create(booking, cancel, ReasonRule.Optional)).Code);
        Assert.Equal("invalid_policy", Assert.Throws<DomainException>(() => PolicyOverride.Create(booking, cancel, null)).Code);
    }

    [Fact]
    public void Notices_of_zero_and_a_whole_year_are_accepted()
    {
        Assert.Equal(SlotLimits.MaxNoticeMinutes, BookingPolicy.Create(SlotLimits.MaxNoticeMinutes, 0, ReasonRule.Required).BookingNoticeMinutes);
        Assert.Equal(new PolicyOverride(0, SlotLimits.MaxNoticeMinutes), PolicyOverride.Create(0, SlotLimits.MaxNoticeMinutes, null));
    }
}
