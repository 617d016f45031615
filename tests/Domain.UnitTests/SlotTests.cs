using Slots.Domain.Common;
using Slots.Domain.Slots;
using static Slots.Domain.UnitTests.SlotFactory;

namespace Slots.Domain.UnitTests;

public class SlotTests
{
    [Fact]
    public void Create_sets_an_active_empty_slot_and_normalizes_the_email()
    {
        var slot = Tomorrow(capacity: 3);

        Assert.Equal("ann.specialist@example.com", slot.SpecialistEmail);
        Assert.Equal(SlotStatus.Active, slot.Status);
        Assert.Equal(3, slot.TotalCapacity);
        Assert.Equal(0, slot.BookedCount);
        Assert.True(slot.BookedCount < slot.TotalCapacity);
        Assert.Empty(slot.Bookings);
        Assert.Equal(60, slot.DurationMinutes);
        Assert.Equal(Now.UtcDateTime, slot.CreatedAt);
        Assert.Equal(7, slot.Id.Version);
    }

    [Fact]
    public void Create_refuses_a_start_that_is_not_in_the_future()
    {
        var clock = Clock();
        var time = SlotTime.Create(new DateOnly(2030, 1, 15), new TimeOnly(12, 0), new TimeOnly(13, 0), "UTC");

        var ex = Assert.Throws<DomainException>(() => Slot.Create(Ann, null, time, 1, clock.GetUtcNow()));

        Assert.Equal("start_not_in_future", ex.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public void Create_refuses_capacity_out_of_bounds(int capacity)
    {
        var ex = Assert.Throws<DomainException>(() => Tomorrow(capacity));

        Assert.Equal("invalid_capacity", ex.Code);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public void Create_accepts_capacity_at_the_bounds(int capacity) =>
        Assert.Equal(capacity, Tomorrow(capacity).TotalCapacity);

    [Fact]
    public void Book_takes_a_seat_and_records_who_and_when()
    {
        var clock = Clock();
        var slot = Tomorrow(capacity: 2, clock);
        clock.Advance(TimeSpan.FromMinutes(5));

        var booking = slot.Book(Customer(1), clock.GetUtcNow(), BookingPolicy.Default);

        Assert.Equal(1, slot.BookedCount);
        Assert.True(slot.BookedCount < slot.TotalCapacity);
        Assert.Equal(1, slot.TotalCapacity - slot.BookedCount);
        Assert.Equal("cust-1", booking.CustomerId);
        Assert.Equal("customer1@example.com", booking.CustomerEmail);
        Assert.Equal("Customer 1", booking.CustomerName);
        Assert.Equal(Now.UtcDateTime.AddMinutes(5), booking.BookedAt);
        Assert.True(booking.IsLive);
        Assert.Equal(slot.Id, booking.SlotId);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, slot.UpdatedAt);
    }

    [Fact]
    public void Book_fills_the_slot_then_refuses_with_fully_booked()
    {
        var slot = Tomorrow(capacity: 2);
        slot.Book(Customer(1), Now, BookingPolicy.Default);
        slot.Book(Customer(2), Now, BookingPolicy.Default);

        Assert.Equal(slot.TotalCapacity, slot.BookedCount);
        var ex = Assert.Throws<DomainException>(() => slot.Book(Customer(3), Now, BookingPolicy.Default));
        Assert.Equal("slot_fully_booked", ex.Code);
        Assert.Equal(DomainErrorKind.Conflict, ex.Kind);
        Assert.Equal(2, slot.BookedCount);
    }

    [Fact]
    public void Book_refuses_a_customer_who_already_holds_a_seat()
    {
        var slot = Tomorrow(capacity: 5);
        slot.Book(Customer(1), Now, BookingPolicy.Default);

        var ex = Assert.Throws<DomainException>(() => slot.Book(Customer(1), Now, BookingPolicy.Default));

        Assert.Equal("already_booked", ex.Code);
        Assert.Equal(1, slot.BookedCount);
    }

    [Fact]
    public void Book_refuses_an_inactive_slot()
    {
        var slot = Tomorrow();
        slot.ChangeStatus(SlotStatus.Inactive, Now);

        var ex = Assert.Throws<DomainException>(() => slot.Book(Customer(1), Now, BookingPolicy.Default));

        Assert.Equal("slot_inactive", ex.Code);
    }

    [Fact]
    public void Book_refuses_a_slot_that_has_started()
    {
        var clock = Clock();
        var slot = Tomorrow(clock: clock);
        clock.Advance(TimeSpan.FromHours(22)); // exactly 10:00 on the slot's date

        var ex = Assert.Throws<DomainException>(() => slot.Book(Customer(1), clock.GetUtcNow(), BookingPolicy.Default));

        Assert.Equal("slot_in_past", ex.Code);
    }

    [Fact]
    public void Cancel_frees_the_seat_and_keeps_the_booking_on_record()
    {
        var clock = Clock();
        var slot = Tomorrow(capacity: 1, clock);
        slot.Book(Customer(1), clock.GetUtcNow(), BookingPolicy.Default);
        clock.Advance(TimeSpan.FromMinutes(1));

        slot.CancelBooking("cust-1", clock.GetUtcNow(), CancelledBy.Customer, null);

        Assert.Equal(0, slot.BookedCount);
        Assert.True(slot.BookedCount < slot.TotalCapacity);
        var booking = Assert.Single(slot.Bookings);
        Assert.False(booking.IsLive);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, booking.CancelledAt);
    }

    /// <summary>The invite's SEQUENCE: 0 when booked, one more at a change of times and at the cancellation, never otherwise.</summary>
    [Fact]
    public void A_bookings_revision_rises_when_its_times_change_and_when_it_is_cancelled_only()
    {
        var slot = Tomorrow(capacity: 3);
        var (stays, leaves) = (slot.Book(Customer(1), Now, BookingPolicy.Default), slot.Book(Customer(2), Now, BookingPolicy.Default));
        Assert.Equal((0, 0), (stays.Sequence, leaves.Sequence));

        slot.CancelBooking("cust-2", Now, CancelledBy.Customer, null);
        Assert.Equal((0, 1), (stays.Sequence, leaves.Sequence));

        slot.ChangeTimes(new TimeOnly(10, 0), new TimeOnly(11, 0), Now); // the same times: nothing moved
        slot.ChangeStatus(SlotStatus.Inactive, Now);
        Assert.Equal((0, 1), (stays.Sequence, leaves.Sequence));

        slot.ChangeTimes(new TimeOnly(14, 0), new TimeOnly(15, 0), Now);
        Assert.Equal((1, 1), (stays.Sequence, leaves.Sequence)); // the live booking's invite moves; the cancelled one's does not
    }

    [Fact]
    public void A_customer_who_gives_a_zone_keeps_it_on_the_booking()
    {
        var slot = Tomorrow(capacity: 2);

        Assert.Equal("Asia/Tokyo", slot.Book(Customer(1) with { Timezone = "Asia/Tokyo" }, Now, BookingPolicy.Default).CustomerTimezone);
        Assert.Null(slot.Book(Customer(2), Now, BookingPolicy.Default).CustomerTimezone);
        Assert.Equal("Asia/Tokyo", SlotTime.IanaZone("Asia/Tokyo"));
        Assert.Equal("unknown_time_zone", Assert.Throws<DomainException>(() => SlotTime.IanaZone("Mars/Olympus_Mons")).Code);
    }

    [Fact]
    public void A_customer_may_book_again_after_cancelling()
    {
        var slot = Tomorrow(capacity: 1);
        slot.Book(Customer(1), Now, BookingPolicy.Default);
        slot.CancelBooking("cust-1", Now, CancelledBy.Customer, null);

        slot.Book(Customer(1), Now, BookingPolicy.Default);

        Assert.Equal(1, slot.BookedCount);
        Assert.Equal(2, slot.Bookings.Count);
        Assert.Single(slot.Bookings, b => b.IsLive);
    }

    [Fact]
    public void Cancel_without_a_live_booking_is_not_found()
    {
        var slot = Tomorrow(capacity: 2);
        slot.Book(Customer(1), Now, BookingPolicy.Default);
        slot.CancelBooking("cust-1", Now, CancelledBy.Customer, null);

        var twice = Assert.Throws<DomainException>(() => slot.CancelBooking("cust-1", Now, CancelledBy.Customer, null));
        var stranger = Assert.Throws<DomainException>(() => slot.CancelBooking("cust-9", Now, CancelledBy.Customer, null));

        Assert.Equal("booking_not_found", twice.Code);
        Assert.Equal(DomainErrorKind.NotFound, stranger.Kind);
        Assert.Equal(0, slot.BookedCount);
    }

    [Fact]
    public void Cancel_is_refused_once_the_slot_has_started()
    {
        var clock = Clock();
        var slot = Tomorrow(clock: clock);
        slot.Book(Customer(1), clock.GetUtcNow(), BookingPolicy.Default);
        clock.Advance(TimeSpan.FromHours(23));

        var ex = Assert.Throws<DomainException>(() => slot.CancelBooking("cust-1", clock.GetUtcNow(), CancelledBy.Customer, null));

        Assert.Equal("slot_in_past", ex.Code);
        Assert.Equal(1, slot.BookedCount);
    }

    [Fact]
    public void ChangeTimes_moves_the_instants_and_keeps_the_date()
    {
        var slot = Tomorrow();

        slot.ChangeTimes(new TimeOnly(14, 0), new TimeOnly(15, 30), Now);

        Assert.Equal(new DateOnly(2030, 1, 16), slot.Date);
        Assert.Equal(new DateTime(2030, 1, 16, 14, 0, 0, DateTimeKind.Utc), slot.StartsAt);
        Assert.Equal(90, slot.DurationMinutes);
    }

    [Fact]
    public void ChangeTimes_with_only_an_end_keeps_the_start()
    {
        var slot = Tomorrow();

        slot.ChangeTimes(null, new TimeOnly(12, 0), Now);

        Assert.Equal(new TimeOnly(10, 0), slot.StartTime);
        Assert.Equal(120, slot.DurationMinutes);
    }

    [Fact]
    public void ChangeTimes_follows_the_create_rules()
    {
        var slot = Tomorrow();

        var ex = Assert.Throws<DomainException>(() => slot.ChangeTimes(new TimeOnly(12, 0), null, Now));

        Assert.Equal("end_not_after_start", ex.Code);
        Assert.Equal(new TimeOnly(10, 0), slot.StartTime);
    }

    [Fact]
    public void ChangeTimes_refuses_a_new_start_in_the_past()
    {
        var clock = Clock();
        var slot = Tomorrow(clock: clock);
        clock.Advance(TimeSpan.FromHours(21)); // 09:00 on the slot's date

        var ex = Assert.Throws<DomainException>(() => slot.ChangeTimes(new TimeOnly(8, 0), null, clock.GetUtcNow()));

        Assert.Equal("start_not_in_future", ex.Code);
    }

    [Fact]
    public void ChangeTimes_refuses_a_slot_that_has_started()
    {
        var clock = Clock();
        var slot = Tomorrow(clock: clock);
        clock.Advance(TimeSpan.FromHours(22.5));

        var ex = Assert.Throws<DomainException>(() => slot.ChangeTimes(null, new TimeOnly(12, 0), clock.GetUtcNow()));

        Assert.Equal("slot_in_past", ex.Code);
    }

    [Fact]
    public void Deactivate_and_activate_toggle_the_status()
    {
        var slot = Tomorrow();

        slot.ChangeStatus(SlotStatus.Inactive, Now);
        Assert.Equal(SlotStatus.Inactive, slot.Status);

        slot.ChangeStatus(SlotStatus.Active, Now);
        Assert.Equal(SlotStatus.Active, slot.Status);
        slot.Book(Customer(1), Now, BookingPolicy.Default);
    }

    [Fact]
    public void A_status_that_is_not_one_is_refused_and_changes_nothing()
    {
        var slot = Tomorrow();

        Assert.Throws<ArgumentOutOfRangeException>(() => slot.ChangeStatus((SlotStatus)2, Now));
        Assert.Equal(SlotStatus.Active, slot.Status);
        Assert.Equal(1, slot.Version);
    }

    [Fact]
    public void Delete_is_allowed_only_while_nobody_holds_a_seat()
    {
        var slot = Tomorrow(capacity: 2);
        slot.EnsureDeletable();
        slot.Book(Customer(1), Now, BookingPolicy.Default);

        var ex = Assert.Throws<DomainException>(slot.EnsureDeletable);
        Assert.Equal("slot_has_bookings", ex.Code);

        slot.CancelBooking("cust-1", Now, CancelledBy.Customer, null);
        slot.EnsureDeletable();
    }

    [Fact]
    public void Instants_are_kept_to_the_microsecond_like_the_database()
    {
        var clock = Clock();
        clock.Advance(TimeSpan.FromTicks(12_345_678));
        var slot = Tomorrow(clock: clock);

        var booking = slot.Book(Customer(1), clock.GetUtcNow(), BookingPolicy.Default);

        Assert.Equal(0, slot.CreatedAt.Ticks % 10);
        Assert.Equal(clock.GetUtcNow().UtcTicks - 8, booking.BookedAt.Ticks);
    }
}
