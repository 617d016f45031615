using Slots.Domain.Common;
using Slots.Domain.Slots;
using static Slots.Domain.UnitTests.SlotFactory;

namespace Slots.Domain.UnitTests;

/// <summary>A full slot's waitlist: who may join, and a freed seat going to a waiting customer or past one who may not book.</summary>
public class WaitlistTests
{
    private static readonly BookingPolicy Waitlisted = new(0, 0, ReasonRule.Optional, Waitlist: true);

    private static Slot Full(int capacity = 1)
    {
        var time = SlotTime.Create(new DateOnly(2030, 1, 16), new TimeOnly(10, 0), new TimeOnly(11, 0), "UTC");
        var slot = Slot.Create(Ann, null, time, capacity, Now);
        for (var i = 0; i < capacity; i++)
        {
            slot.Book(Customer(100 + i), Now, Waitlisted);
        }

        return slot;
    }

    [Fact]
    public void A_customer_joins_a_full_slot_at_the_end_of_its_line()
    {
        var slot = Full();
        var version = slot.Version;

        var entry = slot.JoinWaitlist(Customer(1) with { Email = "One@Example.COM", Name = "  One  " }, Now, Waitlisted);

        Assert.Equal((WaitlistStatus.Waiting, "cust-1", "one@example.com", "One"), (entry.Status, entry.CustomerId, entry.CustomerEmail, entry.CustomerName));
        Assert.Equal((1, version + 1), (slot.WaitingCount, slot.Version));
        Assert.Same(entry, Assert.Single(slot.Waitlist));
    }

    [Theory]
    [InlineData("closed", "waitlist_closed")]
    [InlineData("free-seat", "seats_available")]
    [InlineData("inactive", "slot_inactive")]
    [InlineData("started", "slot_in_past")]
    [InlineData("notice", "booking_window_closed")]
    [InlineData("booked", "already_booked")]
    [InlineData("waiting", "already_waiting")]
    public void A_slot_refuses_a_join_that_breaks_a_rule_and_nothing_changes(string state, string code)
    {
        var slot = Full(capacity: state == "free-seat" ? 2 : 1);
        var (policy, at, customer) = (Waitlisted, Now, Customer(1));
        switch (state)
        {
            case "closed": policy = Waitlisted with { Waitlist = false }; break;
            case "free-seat": slot.CancelBooking("cust-101", Now, CancelledBy.Customer, null); break;
            case "inactive": slot.ChangeStatus(SlotStatus.Inactive, Now); break;
            case "started": at = new DateTimeOffset(2030, 1, 16, 10, 0, 0, TimeSpan.Zero); break;
            case "notice": policy = Waitlisted with { BookingNoticeMinutes = 60 }; at = new DateTimeOffset(2030, 1, 16, 9, 1, 0, TimeSpan.Zero); break;
            case "booked": customer = Customer(100); break;
            case "waiting": slot.JoinWaitlist(customer, Now, policy); break;
        }

        var (waiting, version) = (slot.WaitingCount, slot.Version);

        var ex = Assert.Throws<DomainException>(() => slot.JoinWaitlist(customer, at, policy));

        Assert.Equal(code, ex.Code);
        Assert.Equal((waiting, version), (slot.WaitingCount, slot.Version));
    }

    [Fact]
    public void A_slot_override_opens_or_closes_the_line_whatever_the_specialist_says()
    {
        var slot = Full();
        slot.ChangePolicy(new PolicyOverride(Waitlist: false), Now);
        Assert.Equal("waitlist_closed", Assert.Throws<DomainException>(() => slot.JoinWaitlist(Customer(1), Now, Waitlisted)).Code);

        slot.ChangePolicy(new PolicyOverride(Waitlist: true), Now);
        slot.JoinWaitlist(Customer(1), Now, BookingPolicy.Default);

        Assert.Equal(1, slot.WaitingCount);
    }

    [Fact]
    public void A_line_holds_at_most_a_hundred()
    {
        var slot = Full();
        for (var i = 0; i < SlotLimits.MaxWaitingPerSlot; i++)
        {
            slot.JoinWaitlist(Customer(1000 + i), Now, Waitlisted);
        }

        Assert.Equal("waitlist_full", Assert.Throws<DomainException>(() => slot.JoinWaitlist(Customer(1), Now, Waitlisted)).Code);
        Assert.Equal(SlotLimits.MaxWaitingPerSlot, slot.WaitingCount);
    }

    [Fact]
    public void A_freed_seat_books_the_waiting_customer_as_an_ordinary_booking_and_ends_their_entry()
    {
        var slot = Full();
        var entry = slot.JoinWaitlist(Customer(1) with { Timezone = "Asia/Tokyo" }, Now, Waitlisted);
        slot.CancelBooking("cust-100", Now, CancelledBy.Customer, null);
        Assert.True(slot.CanSeatFromWaitlist(Now, Waitlisted));

        var booking = slot.BookFromWaitlist(entry, Now, Waitlisted);

        Assert.Equal(("cust-1", "Asia/Tokyo"), (booking.CustomerId, booking.CustomerTimezone));
        Assert.Equal((WaitlistStatus.Booked, booking.Id), (entry.Status, entry.BookingId));
        Assert.Equal((1, 0), (slot.BookedCount, slot.WaitingCount));
        Assert.False(slot.CanSeatFromWaitlist(Now, Waitlisted));
    }

    [Fact]
    public void No_seat_goes_to_the_line_while_the_slot_could_not_be_booked()
    {
        var slot = Full();
        slot.JoinWaitlist(Customer(1), Now, Waitlisted);
        Assert.False(slot.CanSeatFromWaitlist(Now, Waitlisted)); // full

        slot.CancelBooking("cust-100", Now, CancelledBy.Customer, null);
        slot.ChangeStatus(SlotStatus.Inactive, Now);
        Assert.False(slot.CanSeatFromWaitlist(Now, Waitlisted));

        slot.ChangeStatus(SlotStatus.Active, Now);
        Assert.False(slot.CanSeatFromWaitlist(new DateTimeOffset(2030, 1, 16, 9, 30, 0, TimeSpan.Zero), Waitlisted with { BookingNoticeMinutes = 60 }));
        Assert.True(slot.CanSeatFromWaitlist(Now, Waitlisted));
    }

    [Fact]
    public void A_customer_who_may_not_book_is_skipped_with_the_reason_and_leaves_the_line()
    {
        var slot = Full();
        var entry = slot.JoinWaitlist(Customer(1), Now, Waitlisted);
        slot.CancelBooking("cust-100", Now, CancelledBy.Customer, null);

        slot.SkipWaiting(entry, "booking_limit_reached", Now);

        Assert.Equal((WaitlistStatus.Skipped, "booking_limit_reached"), (entry.Status, entry.SkipReason));
        Assert.Equal((0, 0), (slot.WaitingCount, slot.BookedCount));
        Assert.Throws<InvalidOperationException>(() => slot.BookFromWaitlist(entry, Now, Waitlisted));
    }

    [Fact]
    public void Leaving_ends_the_entry_and_a_customer_not_in_line_is_not_found()
    {
        var slot = Full();
        var entry = slot.JoinWaitlist(Customer(1), Now, Waitlisted);

        slot.LeaveWaitlist("cust-1", Now);

        Assert.Equal((WaitlistStatus.Left, 0), (entry.Status, slot.WaitingCount));
        Assert.Equal("waitlist_entry_not_found", Assert.Throws<DomainException>(() => slot.LeaveWaitlist("cust-1", Now)).Code);
    }
}
