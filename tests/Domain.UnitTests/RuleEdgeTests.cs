using Slots.Domain.Common;
using Slots.Domain.Slots;
using static Slots.Domain.UnitTests.SlotFactory;

namespace Slots.Domain.UnitTests;

/// <summary>
/// The rules at their very edges, and the guards: each test here killed a mutant that survived the other tests
/// (./slots mutate, Stryker.NET), such as a "has started" that took the start itself for not started yet.
/// </summary>
public class RuleEdgeTests
{
    /// <summary>Tomorrow's slot starts at 2030-01-16 10:00 UTC.</summary>
    private static readonly DateTimeOffset Start = new(2030, 1, 16, 10, 0, 0, TimeSpan.Zero);

    private static readonly BookingPolicy Waitlisted = new(0, 0, ReasonRule.Optional, Waitlist: true);

    [Fact]
    public void At_the_start_itself_a_booking_can_no_longer_be_cancelled_or_moved_nor_the_slot_changed()
    {
        var slot = Tomorrow(capacity: 2);
        var target = Slot.Create(Ann, null, SlotTime.Create(new DateOnly(2030, 1, 17), new TimeOnly(10, 0), new TimeOnly(11, 0), "UTC"), 1, Now);
        slot.Book(Customer(1), Now, BookingPolicy.Default);

        Assert.Equal("slot_in_past", Assert.Throws<DomainException>(() => slot.CancelBooking("cust-1", Start, CancelledBy.Admin, null)).Code);
        Assert.Equal("slot_in_past", Assert.Throws<DomainException>(() => slot.MoveBooking("cust-1", target, Start, BookingPolicy.Default, CancelledBy.Admin)).Code);
        Assert.Equal("slot_in_past", Assert.Throws<DomainException>(() => slot.ChangeTimes(new TimeOnly(10, 30), null, Start)).Code);
        Assert.Equal(1, slot.BookedCount);
    }

    [Fact]
    public void New_times_that_start_at_this_moment_do_not_start_in_the_future()
    {
        var slot = Tomorrow();
        var nine = new DateTimeOffset(2030, 1, 16, 9, 0, 0, TimeSpan.Zero);

        var refused = Assert.Throws<DomainException>(() => slot.ChangeTimes(new TimeOnly(9, 0), null, nine));

        Assert.Equal("start_not_in_future", refused.Code);
        slot.ChangeTimes(new TimeOnly(9, 1), null, nine);
        Assert.Equal(new TimeOnly(9, 1), slot.StartTime);
    }

    [Fact]
    public void Moving_only_the_end_revises_every_live_booking()
    {
        var slot = Tomorrow(capacity: 2);
        var booking = slot.Book(Customer(1), Now, BookingPolicy.Default);

        slot.ChangeTimes(null, new TimeOnly(11, 30), Now);

        Assert.Equal(1, booking.Sequence);
        slot.ChangeTimes(null, new TimeOnly(11, 30), Now);
        Assert.Equal(1, booking.Sequence);
    }

    [Fact]
    public void An_end_at_the_start_or_with_a_fraction_of_a_minute_is_refused()
    {
        var day = new DateOnly(2030, 1, 16);

        Assert.Equal("end_not_after_start", Assert.Throws<DomainException>(() => SlotTime.Create(day, new TimeOnly(10, 0), new TimeOnly(10, 0), "UTC")).Code);
        foreach (var end in new[] { new TimeOnly(11, 0, 1), new TimeOnly(11, 0, 0, 1), new TimeOnly(11, 0, 0, 0, 1) })
        {
            var refused = Assert.Throws<DomainException>(() => SlotTime.Create(day, new TimeOnly(10, 0), end, "UTC"));
            Assert.Equal(("invalid_time", "endTime"), (refused.Code, refused.Target));
        }
    }

    [Fact]
    public void A_hold_keeps_its_seat_until_its_moment_and_not_at_it()
    {
        var slot = Tomorrow();
        var hold = slot.PlaceHold(Customer(1), Now, BookingPolicy.Default, TimeSpan.FromMinutes(5));
        var expiry = Now.AddMinutes(5);

        Assert.True(hold.IsLiveAt(expiry.AddTicks(-1).UtcDateTime));
        Assert.False(hold.IsLiveAt(expiry.UtcDateTime));
        Assert.Equal(0, slot.SeatsLeft(expiry.AddTicks(-1)));
        Assert.Equal(1, slot.SeatsLeft(expiry));
        slot.ReleaseHold(hold.Id, Now.AddMinutes(1));
        Assert.False(hold.IsLiveAt(Now.AddMinutes(2).UtcDateTime));
    }

    [Fact]
    public void Lapsed_holds_are_ended_the_earliest_first_and_each_end_or_release_is_a_change()
    {
        var slot = Tomorrow(capacity: 3);
        var later = slot.PlaceHold(Customer(1), Now, BookingPolicy.Default, TimeSpan.FromMinutes(9));
        var sooner = slot.PlaceHold(Customer(2), Now, BookingPolicy.Default, TimeSpan.FromMinutes(3));
        var released = slot.PlaceHold(Customer(3), Now, BookingPolicy.Default, TimeSpan.FromMinutes(5));
        var version = slot.Version;

        slot.ReleaseHold(released.Id, Now.AddMinutes(1));
        Assert.Equal(version + 1, slot.Version);

        Assert.Equal([sooner.Id, later.Id], slot.ExpireHolds(Now.AddMinutes(10)).Select(h => h.Id));
    }

    [Fact]
    public void A_slot_is_owned_by_its_issuer_and_subject_together()
    {
        var slot = Tomorrow();

        Assert.True(slot.IsOwnedBy(Ann.Issuer, Ann.Id));
        Assert.False(slot.IsOwnedBy(Ann.Issuer, "spec-2"));
        Assert.False(slot.IsOwnedBy("https://other.example", Ann.Id));
    }

    [Fact]
    public void A_booking_moves_only_to_a_slot_under_the_same_handle_too()
    {
        var slot = Tomorrow();
        slot.Book(Customer(1), Now, BookingPolicy.Default);
        var time = SlotTime.Create(new DateOnly(2030, 1, 17), new TimeOnly(10, 0), new TimeOnly(11, 0), "UTC");
        var renamed = Slot.Create(Ann with { Email = "ann.new@example.com" }, null, time, 1, Now);

        var refused = Assert.Throws<DomainException>(() => slot.MoveBooking("cust-1", renamed, Now, BookingPolicy.Default, CancelledBy.Admin));

        Assert.Equal("move_to_other_specialist", refused.Code);
    }

    [Fact]
    public void A_customer_moves_at_the_reschedule_notice_itself_and_not_after_it()
    {
        var policy = BookingPolicy.Create(0, 0, ReasonRule.Optional, rescheduleNoticeMinutes: 60);
        var (slot, target) = (Tomorrow(), Slot.Create(Ann, null, SlotTime.Create(new DateOnly(2030, 1, 17), new TimeOnly(10, 0), new TimeOnly(11, 0), "UTC"), 1, Now));
        var booking = slot.Book(Customer(1), Now, policy);
        var notice = Start.AddMinutes(-60);
        Assert.Equal(notice.UtcDateTime, booking.ReschedulableUntil);

        Assert.Equal("reschedule_window_closed",
            Assert.Throws<DomainException>(() => slot.MoveBooking("cust-1", target, notice.AddMilliseconds(1), policy, CancelledBy.Customer)).Code);
        slot.MoveBooking("cust-1", target, notice, policy, CancelledBy.Customer);
        Assert.Equal(target.Id, booking.SlotId);
    }

    [Fact]
    public void A_booking_moves_fifty_times_and_not_a_fifty_first()
    {
        var a = Tomorrow();
        var b = Slot.Create(Ann, null, SlotTime.Create(new DateOnly(2030, 1, 17), new TimeOnly(10, 0), new TimeOnly(11, 0), "UTC"), 1, Now);
        var booking = a.Book(Customer(1), Now, BookingPolicy.Default);

        for (var i = 0; i < SlotLimits.MaxMoves; i++)
        {
            (i % 2 == 0 ? a : b).MoveBooking("cust-1", i % 2 == 0 ? b : a, Now, BookingPolicy.Default, CancelledBy.Admin);
        }

        Assert.Equal(SlotLimits.MaxMoves, booking.MovedFrom.Count);
        Assert.Equal("move_limit_reached", Assert.Throws<DomainException>(() => a.MoveBooking("cust-1", b, Now, BookingPolicy.Default, CancelledBy.Admin)).Code);
    }

    [Fact]
    public void A_free_seat_goes_to_the_waitlist_only_when_someone_waits()
    {
        var slot = Tomorrow(capacity: 1);
        Assert.False(slot.CanSeatFromWaitlist(Now, Waitlisted));

        slot.Book(Customer(1), Now, Waitlisted);
        var entry = slot.JoinWaitlist(Customer(2), Now, Waitlisted);
        slot.CancelBooking("cust-1", Now, CancelledBy.Customer, null);
        Assert.True(slot.CanSeatFromWaitlist(Now, Waitlisted));

        var version = slot.Version;
        slot.SkipWaiting(entry, "booking_limit_reached", Now);
        Assert.Equal((version + 1, WaitlistStatus.Skipped), (slot.Version, entry.Status));
        Assert.False(slot.CanSeatFromWaitlist(Now, Waitlisted));
    }

    [Fact]
    public void Leaving_the_waitlist_is_a_change_and_an_entry_out_of_line_is_neither_seated_nor_skipped()
    {
        var slot = Tomorrow(capacity: 1);
        slot.Book(Customer(1), Now, Waitlisted);
        var left = slot.JoinWaitlist(Customer(2), Now, Waitlisted);
        var version = slot.Version;

        slot.LeaveWaitlist("cust-2", Now);

        Assert.Equal(version + 1, slot.Version);
        Assert.Throws<InvalidOperationException>(() => slot.SkipWaiting(left, "booking_limit_reached", Now));
        Assert.Throws<InvalidOperationException>(() => slot.BookFromWaitlist(left, Now, Waitlisted));
    }

    [Fact]
    public void A_reschedule_notice_of_the_slots_own_overrides_the_specialists_and_none_follows_it()
    {
        var specialists = BookingPolicy.Create(0, 0, ReasonRule.Optional, rescheduleNoticeMinutes: 60);

        Assert.Equal(30, PolicyOverride.Create(null, null, null, rescheduleNoticeMinutes: 30).Over(specialists).RescheduleNoticeMinutes);
        Assert.Equal(60, PolicyOverride.None.Over(specialists).RescheduleNoticeMinutes);
        Assert.Throws<ArgumentOutOfRangeException>(() => PolicyOverride.Create(null, null, (ReasonRule)7));
        Assert.Throws<ArgumentOutOfRangeException>(() => BookingPolicy.Create(0, 0, (ReasonRule)7));
    }

    [Fact]
    public void A_tilde_is_an_address_character_and_what_follows_it_is_not()
    {
        Assert.True(EmailAddress.IsValid("ann~coach@example.com"));
        Assert.False(EmailAddress.IsValid("ann\u007Fcoach@example.com"));
    }

    [Fact]
    public void A_pattern_names_the_date_out_of_range_whichever_end_it_is()
    {
        var supported = new DateOnly(2030, 1, 16);
        var beyond = new DateOnly(9000, 1, 1);
        TimeWindow[] morning = [new(new TimeOnly(9, 0), new TimeOnly(12, 0))];

        Assert.Contains("9000", Assert.Throws<DomainException>(() => WeeklyPattern.Create(supported, beyond, [DayOfWeek.Monday], morning, 60, 0)).Message, StringComparison.Ordinal);
        Assert.Contains("1000", Assert.Throws<DomainException>(() => WeeklyPattern.Create(new DateOnly(1000, 1, 1), supported, [DayOfWeek.Monday], morning, 60, 0)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_takes_a_gap_up_to_a_day_less_a_minute_and_up_to_its_windows_and_no_empty_window()
    {
        var from = new DateOnly(2030, 1, 14);
        TimeWindow[] morning = [new(new TimeOnly(9, 0), new TimeOnly(12, 0))];

        Assert.Equal(1439, WeeklyPattern.Create(from, from, [DayOfWeek.Monday], morning, 60, 1439).GapMinutes);
        Assert.Equal("gapMinutes", Assert.Throws<DomainException>(() => WeeklyPattern.Create(from, from, [DayOfWeek.Monday], morning, 60, 1440)).Target);
        var many = Enumerable.Range(0, WeeklyPattern.MaxWindows).Select(h => new TimeWindow(new TimeOnly(h, 0), new TimeOnly(h, 30))).ToList();
        Assert.Equal(WeeklyPattern.MaxWindows, WeeklyPattern.Create(from, from, [DayOfWeek.Monday], many, 30, 0).Count);
        var empty = Assert.Throws<DomainException>(() => WeeklyPattern.Create(from, from, [DayOfWeek.Monday], [new(new TimeOnly(9, 0), new TimeOnly(9, 0))], 30, 0));
        Assert.Equal(("invalid_pattern", "windows"), (empty.Code, empty.Target));
    }

    [Fact]
    public void An_imported_slot_keeps_its_bookings_in_order_within_its_seats_and_one_each()
    {
        var time = SlotTime.Create(new DateOnly(2020, 3, 2), new TimeOnly(10, 0), new TimeOnly(11, 0), "UTC");
        var created = new DateTime(2020, 2, 1, 8, 0, 0, DateTimeKind.Utc);
        (Customer, DateTime)[] two = [(Customer(2), created.AddDays(2)), (Customer(1), created.AddDays(1))];

        var slot = Slot.Import("legacy-1", Ann, null, time, 2, SlotStatus.Inactive, two, created, created.AddDays(3));

        Assert.Equal(["cust-1", "cust-2"], slot.Bookings.Select(b => b.CustomerId));
        Assert.Equal(("legacy-1", SlotStatus.Inactive, 2, created.AddDays(3)), (slot.LegacyId, slot.Status, slot.BookedCount, slot.UpdatedAt));
        Assert.Equal("slot_over_capacity", Assert.Throws<DomainException>(() => Slot.Import("legacy-2", Ann, null, time, 1, SlotStatus.Active, two, created, created)).Code);
        Assert.Equal("already_booked", Assert.Throws<DomainException>(
            () => Slot.Import("legacy-3", Ann, null, time, 2, SlotStatus.Active, [(Customer(1), created), (Customer(1), created.AddHours(1))], created, created)).Code);
        Assert.Equal("invalid_capacity", Assert.Throws<DomainException>(() => Slot.Import("legacy-4", Ann, null, time, 0, SlotStatus.Active, [], created, created)).Code);
    }

    public static TheoryData<string, Action> Guards()
    {
        var time = SlotTime.Create(new DateOnly(2030, 1, 16), new TimeOnly(10, 0), new TimeOnly(11, 0), "UTC");
        var created = new DateTime(2020, 2, 1, 8, 0, 0, DateTimeKind.Utc);
        var blank = new Customer(" ", "a@example.com", "A");
        TimeWindow[] morning = [new(new TimeOnly(9, 0), new TimeOnly(12, 0))];
        return new TheoryData<string, Action>
        {
            { "create without times", () => Slot.Create(Ann, null, null!, 1, Now) },
            { "create without a specialist", () => Slot.Create(null!, null, time, 1, Now) },
            { "a blank issuer", () => Slot.Create(Ann with { Issuer = " " }, null, time, 1, Now) },
            { "a blank subject", () => Slot.Create(Ann with { Id = "" }, null, time, 1, Now) },
            { "a blank email", () => Slot.Create(Ann with { Email = " " }, null, time, 1, Now) },
            { "import without a legacy id", () => Slot.Import(" ", Ann, null, time, 1, SlotStatus.Active, [], created, created) },
            { "import without times", () => Slot.Import("x", Ann, null, null!, 1, SlotStatus.Active, [], created, created) },
            { "import without bookings", () => Slot.Import("x", Ann, null, time, 1, SlotStatus.Active, null!, created, created) },
            { "bookable for nobody", () => Tomorrow().EnsureBookable(null!, Now, BookingPolicy.Default) },
            { "bookable for a blank id", () => Tomorrow().EnsureBookable(blank, Now, BookingPolicy.Default) },
            { "a hold for nobody", () => Tomorrow().EnsureHoldable(null!, Now, BookingPolicy.Default) },
            { "a hold for a blank id", () => Tomorrow().EnsureHoldable(blank, Now, BookingPolicy.Default) },
            { "joining as nobody", () => Tomorrow().EnsureJoinable(null!, Now, Waitlisted) },
            { "joining with a blank id", () => Tomorrow().EnsureJoinable(blank, Now, Waitlisted) },
            { "a move to no slot", () => Tomorrow().MoveBooking("cust-1", null!, Now, BookingPolicy.Default, CancelledBy.Admin) },
            { "the waitlist's seat without a policy", () => Tomorrow().CanSeatFromWaitlist(Now, null!) },
            { "seating no entry", () => Tomorrow().BookFromWaitlist(null!, Now, Waitlisted) },
            { "skipping no entry", () => Tomorrow().SkipWaiting(null!, "x", Now) },
            { "skipping without a reason", () => SkipWithout(" ") },
            { "no policy for a slot", () => Tomorrow().ChangePolicy(null!, Now) },
            { "an override over no policy", () => PolicyOverride.None.Over(null!) },
            { "a pattern without weekdays", () => WeeklyPattern.Create(new DateOnly(2030, 1, 14), new DateOnly(2030, 1, 14), null!, morning, 60, 0) },
            { "a pattern without windows", () => WeeklyPattern.Create(new DateOnly(2030, 1, 14), new DateOnly(2030, 1, 14), [DayOfWeek.Monday], null!, 60, 0) },
        };
    }

    [Theory]
    [MemberData(nameof(Guards))]
    public void Missing_or_blank_arguments_are_refused_before_anything_changes(string what, Action call)
    {
        Assert.NotNull(what);
        Assert.ThrowsAny<ArgumentException>(call);
    }

    private static void SkipWithout(string reason)
    {
        var slot = Tomorrow(capacity: 1);
        slot.Book(Customer(1), Now, Waitlisted);
        var entry = slot.JoinWaitlist(Customer(2), Now, Waitlisted);
        slot.SkipWaiting(entry, reason, Now);
    }
}
