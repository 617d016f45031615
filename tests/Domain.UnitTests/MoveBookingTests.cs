using Slots.Domain.Common;
using Slots.Domain.Slots;
using static Slots.Domain.UnitTests.SlotFactory;

namespace Slots.Domain.UnitTests;

/// <summary>A booking moved to another slot of its specialist: in place, checked as a booking, all or nothing.</summary>
public class MoveBookingTests
{
    private static readonly BookingPolicy Open = new(0, 0, ReasonRule.Optional);

    private static Slot At(int hour, int capacity = 1, Specialist? owner = null)
    {
        var time = SlotTime.Create(new DateOnly(2030, 1, 16), new TimeOnly(hour, 0), new TimeOnly(hour + 1, 0), "UTC");
        return Slot.Create(owner ?? Ann, null, time, capacity, Now);
    }

    [Fact]
    public void The_booking_keeps_its_id_and_moves_with_its_seat_revised_and_remembering_where_it_was()
    {
        var (from, to) = (At(10), At(14, capacity: 2));
        var booked = from.Book(Customer(1), Now, Open);
        var (fromVersion, toVersion) = (from.Version, to.Version);

        var moved = from.MoveBooking("cust-1", to, Now.AddMinutes(5), Open, CancelledBy.Customer);

        Assert.Same(booked, moved);
        Assert.Equal(to.Id, moved.SlotId);
        Assert.Equal([from.Id], moved.MovedFrom);
        Assert.Equal(1, moved.Sequence);
        Assert.Equal(to.StartsAt, moved.CancellableUntil);
        Assert.Equal((0, 1), (from.BookedCount, to.BookedCount));
        Assert.Empty(from.Bookings);
        Assert.Same(moved, Assert.Single(to.Bookings));
        Assert.Equal((fromVersion + 1, toVersion + 1), (from.Version, to.Version));
    }

    [Fact]
    public void A_full_target_refuses_and_nothing_changes()
    {
        var (from, to) = (At(10), At(14));
        from.Book(Customer(1), Now, Open);
        to.Book(Customer(2), Now, Open);
        var versions = (from.Version, to.Version);

        var ex = Assert.Throws<DomainException>(() => from.MoveBooking("cust-1", to, Now, Open, CancelledBy.Customer));

        Assert.Equal("slot_fully_booked", ex.Code);
        Assert.Equal((1, 1), (from.BookedCount, to.BookedCount));
        Assert.Equal(from.Id, Assert.Single(from.Bookings).SlotId);
        Assert.Equal(0, from.Bookings.Single().Sequence);
        Assert.Equal(versions, (from.Version, to.Version));
    }

    [Theory]
    [InlineData("inactive", "slot_inactive")]
    [InlineData("same", "already_booked")]
    [InlineData("other", "move_to_other_specialist")]
    [InlineData("held", "already_booked")]
    public void The_target_is_checked_as_a_booking_is(string target, string code)
    {
        var from = At(10);
        from.Book(Customer(1), Now, Open);
        var to = target switch
        {
            "same" => from,
            "other" => At(14, owner: new Specialist("https://id.example", "spec-2", "bob@example.com")),
            _ => At(14, capacity: 3),
        };
        if (target == "inactive")
        {
            to.ChangeStatus(SlotStatus.Inactive, Now);
        }
        else if (target == "held")
        {
            to.Book(Customer(1), Now, Open);
        }

        var ex = Assert.Throws<DomainException>(() => from.MoveBooking("cust-1", to, Now, Open, CancelledBy.Customer));

        Assert.Equal(code, ex.Code);
        Assert.Equal(1, from.BookedCount);
    }

    [Fact]
    public void A_customer_moves_until_the_cancellation_deadline_and_the_specialist_after_it()
    {
        var dayToCancel = new BookingPolicy(0, 24 * 60, ReasonRule.Optional);
        var tight = Slot.Create(Ann, null, SlotTime.Create(new DateOnly(2030, 1, 16), new TimeOnly(10, 0), new TimeOnly(11, 0), "UTC"), 1, Now.AddHours(-3));
        tight.Book(Customer(2), Now.AddHours(-2), dayToCancel);

        // Its deadline (a day before 10:00 on the 16th) has passed at Now (12:00 on the 15th).
        var late = Assert.Throws<DomainException>(() => tight.MoveBooking("cust-2", At(15), Now, Open, CancelledBy.Customer));
        var later = At(16);
        var moved = tight.MoveBooking("cust-2", later, Now, Open, CancelledBy.Specialist);

        Assert.Equal("reschedule_window_closed", late.Code);
        Assert.Equal(later.Id, moved.SlotId);
        Assert.Equal([tight.Id], moved.MovedFrom);
    }

    [Fact]
    public void A_booking_moves_again_and_lists_every_slot_it_left_and_a_started_one_does_not_move()
    {
        var (a, b, c) = (At(10), At(12), At(14));
        a.Book(Customer(1), Now, Open);

        a.MoveBooking("cust-1", b, Now, Open, CancelledBy.Customer);
        var moved = b.MoveBooking("cust-1", c, Now, Open, CancelledBy.Customer);
        var started = Assert.Throws<DomainException>(() => c.MoveBooking("cust-1", a, c.StartsAt, Open, CancelledBy.Specialist));

        Assert.Equal([a.Id, b.Id], moved.MovedFrom);
        Assert.Equal(2, moved.Sequence);
        Assert.Equal("slot_in_past", started.Code);
    }

    [Fact]
    public void The_moved_booking_takes_the_policy_a_new_booking_of_the_target_would()
    {
        var from = At(10);
        from.Book(Customer(1), Now, Open);
        var time = SlotTime.Create(new DateOnly(2030, 1, 16), new TimeOnly(18, 0), new TimeOnly(19, 0), "UTC");
        var to = Slot.Create(Ann, null, time, 1, Now, policy: new PolicyOverride(CancelNoticeMinutes: 60, CancellationReason: ReasonRule.Required));

        var moved = from.MoveBooking("cust-1", to, Now, Open, CancelledBy.Customer);

        Assert.Equal(new BookingPolicy(0, 60, ReasonRule.Required), moved.Policy);
        Assert.Equal(to.StartsAt.AddHours(-1), moved.CancellableUntil);
    }

    [Fact]
    public void A_reschedule_notice_of_its_own_closes_moving_before_cancelling_and_a_blank_one_follows_cancelling()
    {
        // A day's notice to move, none to cancel: at Now, 22 hours before the start, the customer may cancel, not move.
        var dayToMove = new BookingPolicy(0, 0, ReasonRule.Optional, RescheduleNoticeMinutes: 24 * 60);
        var slot = Tomorrow(capacity: 2);
        var booking = slot.Book(Customer(1), Now.AddHours(-3), dayToMove);
        slot.Book(Customer(2), Now.AddHours(-3), Open);

        var ex = Assert.Throws<DomainException>(() => slot.MoveBooking("cust-1", At(15), Now, Open, CancelledBy.Customer));
        var other = slot.MoveBooking("cust-2", At(16), Now, Open, CancelledBy.Customer);

        Assert.Equal("reschedule_window_closed", ex.Code);
        Assert.Equal(slot.StartsAt.AddDays(-1), booking.ReschedulableUntil);
        Assert.Equal(slot.StartsAt, booking.CancellableUntil);
        Assert.Equal(other.CancellableUntil, other.ReschedulableUntil);
        slot.CancelBooking("cust-1", Now, CancelledBy.Customer, null);
    }

    [Fact]
    public void A_notice_outside_zero_minutes_and_a_year_is_refused_for_moving_too()
    {
        Assert.Equal("invalid_policy", Assert.Throws<DomainException>(() => BookingPolicy.Create(0, 0, ReasonRule.Optional, -1)).Code);
        Assert.Equal("invalid_policy", Assert.Throws<DomainException>(() => PolicyOverride.Create(null, null, null, SlotLimits.MaxNoticeMinutes + 1)).Code);
        Assert.Equal(SlotLimits.MaxNoticeMinutes, BookingPolicy.Create(0, 0, ReasonRule.Optional, SlotLimits.MaxNoticeMinutes).RescheduleNoticeMinutes);
    }
}
