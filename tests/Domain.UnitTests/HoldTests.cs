using Slots.Domain.Common;
using Slots.Domain.Slots;
using static Slots.Domain.UnitTests.SlotFactory;

namespace Slots.Domain.UnitTests;

/// <summary>
/// Seat holds: a live hold takes a seat wherever a booking does, its customer's booking with it cannot be refused for
/// capacity, and a hold past its time takes nothing, ended or not.
/// </summary>
public class HoldTests
{
    private static readonly BookingPolicy Policy = BookingPolicy.Default;
    private static readonly TimeSpan Five = TimeSpan.FromMinutes(5);

    private static Slot Open(int capacity = 1)
    {
        var time = SlotTime.Create(new DateOnly(2030, 1, 16), new TimeOnly(10, 0), new TimeOnly(11, 0), "UTC");
        return Slot.Create(Ann, null, time, capacity, Now);
    }

    [Fact]
    public void A_hold_takes_a_seat_until_its_time_runs_out()
    {
        var slot = Open(capacity: 2);
        var version = slot.Version;

        var hold = slot.PlaceHold(Customer(1) with { Email = "One@Example.COM" }, Now, Policy, Five);

        Assert.Equal((HoldStatus.Live, "cust-1", "one@example.com"), (hold.Status, hold.CustomerId, hold.CustomerEmail));
        Assert.Equal(Now.UtcDateTime + Five, hold.ExpiresAt);
        Assert.Equal((1, 1, version + 1), (slot.HeldCount, slot.SeatsLeft(Now), slot.Version));
        Assert.Equal(1, slot.SeatsLeft(Now + Five - TimeSpan.FromTicks(10)));
        Assert.Equal(2, slot.SeatsLeft(Now + Five));
    }

    [Fact]
    public void A_held_last_seat_refuses_others_but_books_its_holder()
    {
        var slot = Open();
        var hold = slot.PlaceHold(Customer(1), Now, Policy, Five);

        Assert.Equal("slot_fully_booked", Assert.Throws<DomainException>(() => slot.Book(Customer(2), Now, Policy)).Code);
        Assert.Equal("slot_fully_booked", Assert.Throws<DomainException>(() => slot.PlaceHold(Customer(2), Now, Policy, Five)).Code);
        var booking = slot.Book(Customer(1), Now.AddMinutes(4), Policy, hold.Id);

        Assert.Equal((HoldStatus.Booked, booking.Id), (hold.Status, hold.BookingId));
        Assert.Equal((1, 0, 0), (slot.BookedCount, slot.HeldCount, slot.SeatsLeft(Now)));
    }

    [Fact]
    public void A_customer_who_holds_a_seat_books_with_it_without_naming_it()
    {
        var slot = Open();
        var hold = slot.PlaceHold(Customer(1), Now, Policy, Five);

        var booking = slot.Book(Customer(1), Now, Policy);

        Assert.Equal(booking.Id, hold.BookingId);
        Assert.Equal((1, 0), (slot.BookedCount, slot.HeldCount));
    }

    [Fact]
    public void A_seat_whose_hold_ran_out_is_free_before_anything_ends_the_hold()
    {
        var slot = Open();
        var hold = slot.PlaceHold(Customer(1), Now, Policy, Five);
        var later = Now + Five;

        var booking = slot.Book(Customer(2), later, Policy);

        Assert.Equal("cust-2", booking.CustomerId);
        Assert.Equal(HoldStatus.Live, hold.Status); // not ended, but it keeps nothing
        Assert.Equal("hold_expired", Assert.Throws<DomainException>(() => slot.Book(Customer(1), later, Policy, hold.Id)).Code);
    }

    [Fact]
    public void Expiry_ends_the_holds_past_their_time_at_their_time()
    {
        var slot = Open(capacity: 3);
        var early = slot.PlaceHold(Customer(1), Now, Policy, TimeSpan.FromMinutes(1));
        var late = slot.PlaceHold(Customer(2), Now, Policy, Five);
        var version = slot.Version;

        var ended = slot.ExpireHolds(Now.AddMinutes(2));

        Assert.Same(early, Assert.Single(ended));
        Assert.Equal((HoldStatus.Expired, early.ExpiresAt), (early.Status, early.EndedAt));
        Assert.Equal(HoldStatus.Live, late.Status);
        Assert.Equal((1, version + 1), (slot.HeldCount, slot.Version));
        Assert.Empty(slot.ExpireHolds(Now.AddMinutes(2)));
        Assert.Equal(version + 1, slot.Version);
    }

    [Theory]
    [InlineData("inactive", "slot_inactive")]
    [InlineData("started", "slot_in_past")]
    [InlineData("notice", "booking_window_closed")]
    [InlineData("booked", "already_booked")]
    [InlineData("holding", "already_holding")]
    [InlineData("full", "slot_fully_booked")]
    public void A_slot_refuses_a_hold_that_breaks_a_rule_and_nothing_changes(string state, string code)
    {
        var slot = Open(capacity: state == "full" ? 1 : 2);
        var (policy, at) = (Policy, Now);
        switch (state)
        {
            case "inactive": slot.ChangeStatus(SlotStatus.Inactive, Now); break;
            case "started": at = new DateTimeOffset(2030, 1, 16, 10, 0, 0, TimeSpan.Zero); break;
            case "notice": policy = Policy with { BookingNoticeMinutes = 60 }; at = new DateTimeOffset(2030, 1, 16, 9, 1, 0, TimeSpan.Zero); break;
            case "booked": slot.Book(Customer(1), Now, Policy); break;
            case "holding": slot.PlaceHold(Customer(1), Now, Policy, Five); break;
            case "full": slot.Book(Customer(9), Now, Policy); break;
        }

        var (held, version) = (slot.HeldCount, slot.Version);
        Assert.Equal(code, Assert.Throws<DomainException>(() => slot.PlaceHold(Customer(1), at, policy, Five)).Code);
        Assert.Equal((held, version), (slot.HeldCount, slot.Version));
    }

    [Fact]
    public void A_hold_never_outlives_the_booking_notice()
    {
        var slot = Open();
        var policy = Policy with { BookingNoticeMinutes = 60 };
        var at = new DateTimeOffset(2030, 1, 16, 8, 57, 0, TimeSpan.Zero);

        var hold = slot.PlaceHold(Customer(1), at, policy, TimeSpan.FromMinutes(15));

        Assert.Equal(new DateTime(2030, 1, 16, 9, 0, 0, DateTimeKind.Utc), hold.ExpiresAt);
        var atTheNotice = new DateTimeOffset(2030, 1, 16, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal("booking_window_closed",
            Assert.Throws<DomainException>(() => Open().PlaceHold(Customer(1), atTheNotice, policy, Five)).Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(16)]
    public void A_hold_lives_between_a_moment_and_fifteen_minutes(int minutes) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Open().PlaceHold(Customer(1), Now, Policy, TimeSpan.FromMinutes(minutes)));

    [Theory]
    [InlineData("other-customer", "hold_not_found")]
    [InlineData("unknown", "hold_not_found")]
    [InlineData("released", "hold_released")]
    [InlineData("expired", "hold_expired")]
    [InlineData("lapsed", "hold_expired")]
    [InlineData("booked", "hold_booked")]
    public void A_booking_that_names_a_hold_it_cannot_use_says_why_and_books_nothing(string state, string code)
    {
        var slot = Open(capacity: 3);
        var hold = slot.PlaceHold(Customer(1), Now, Policy, Five);
        var (customer, holdId, at) = (Customer(1), hold.Id, Now);
        switch (state)
        {
            case "other-customer": customer = Customer(2); break;
            case "unknown": holdId = Guid.NewGuid(); break;
            case "released": slot.ReleaseHold(hold.Id, Now); break;
            case "expired": slot.ExpireHolds(Now + Five); at = Now + Five; break;
            case "lapsed": at = Now + Five; break;
            case "booked":
                slot.Book(Customer(1), Now, Policy, hold.Id);
                slot.CancelBooking("cust-1", Now, CancelledBy.Customer, null);
                break;
        }

        var booked = slot.BookedCount;
        Assert.Equal(code, Assert.Throws<DomainException>(() => slot.Book(customer, at, Policy, holdId)).Code);
        Assert.Equal(booked, slot.BookedCount);
    }

    [Theory]
    [InlineData("released", "hold_released")]
    [InlineData("lapsed", "hold_expired")]
    [InlineData("booked", "hold_booked")]
    [InlineData("unknown", "hold_not_found")]
    public void Only_a_live_hold_is_released(string state, string code)
    {
        var slot = Open();
        var hold = slot.PlaceHold(Customer(1), Now, Policy, Five);
        var (holdId, at) = (hold.Id, Now);
        switch (state)
        {
            case "released": slot.ReleaseHold(hold.Id, Now); break;
            case "lapsed": at = Now + Five; break;
            case "booked": slot.Book(Customer(1), Now, Policy); break;
            case "unknown": holdId = Guid.NewGuid(); break;
        }

        Assert.Equal(code, Assert.Throws<DomainException>(() => slot.ReleaseHold(holdId, at)).Code);
    }

    [Fact]
    public void A_released_hold_frees_its_seat_at_once()
    {
        var slot = Open();
        var hold = slot.PlaceHold(Customer(1), Now, Policy, Five);

        slot.ReleaseHold(hold.Id, Now.AddMinutes(1));

        Assert.Equal((HoldStatus.Released, 0, 1), (hold.Status, slot.HeldCount, slot.SeatsLeft(Now)));
        Assert.Equal("cust-2", slot.Book(Customer(2), Now, Policy).CustomerId);
    }

    [Fact]
    public void A_full_slot_takes_a_waitlist_while_holds_keep_its_seats()
    {
        var slot = Open();
        var waitlisted = Policy with { Waitlist = true };
        slot.PlaceHold(Customer(1), Now, waitlisted, Five);

        slot.JoinWaitlist(Customer(2), Now, waitlisted);

        Assert.False(slot.CanSeatFromWaitlist(Now, waitlisted));
        Assert.True(slot.CanSeatFromWaitlist(Now + Five, waitlisted));
        Assert.Equal("seats_available", Assert.Throws<DomainException>(() => slot.JoinWaitlist(Customer(3), Now + Five, waitlisted)).Code);
    }

    [Fact]
    public void A_booking_moved_into_a_slot_where_its_customer_holds_a_seat_takes_that_seat()
    {
        var from = Open();
        from.Book(Customer(1), Now, Policy);
        var time = SlotTime.Create(new DateOnly(2030, 1, 17), new TimeOnly(10, 0), new TimeOnly(11, 0), "UTC");
        var to = Slot.Create(Ann, null, time, 1, Now);
        var hold = to.PlaceHold(Customer(1), Now, Policy, Five);

        var booking = from.MoveBooking("cust-1", to, Now, Policy, CancelledBy.Customer);

        Assert.Equal((HoldStatus.Booked, booking.Id), (hold.Status, hold.BookingId));
        Assert.Equal((1, 0, 0), (to.BookedCount, to.HeldCount, to.SeatsLeft(Now)));
    }
}
