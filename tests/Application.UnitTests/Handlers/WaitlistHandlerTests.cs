using NSubstitute;
using Slots.Application.Common.Security;
using Slots.Application.Events;
using Slots.Application.Notifications;
using Slots.Application.Slots;
using Slots.Application.Slots.BookSlot;
using Slots.Application.Slots.JoinWaitlist;
using Slots.Application.Slots.LeaveWaitlist;
using Slots.Application.Slots.ListMyWaitlist;
using Slots.Application.Slots.ListWaitlist;
using Slots.Domain.Common;
using Slots.Domain.Slots;
using static Slots.Application.UnitTests.TestData;

namespace Slots.Application.UnitTests.Handlers;

/// <summary>
/// A full slot's line: joining, leaving, the lists of it, and the promotion that gives freed seats to it in order, each
/// candidate checked as a booking is.
/// </summary>
public class WaitlistHandlerTests : HandlerTestBase
{
    private readonly Dictionary<string, LiveBookingCounts> _held = [];

    /// <summary>
    /// A slot of <paramref name="capacity"/> seats, every one booked, with <paramref name="waiting"/> in line in that order; the
    /// repository loads it (and its line) for any customer, each with the live bookings <see cref="_held"/> says.
    /// </summary>
    private Slot FullSlot(int capacity = 1, params string[] waiting)
    {
        var slot = Slot(capacity);
        for (var seat = 0; seat < capacity; seat++)
        {
            slot.Book(new Customer($"b{seat}", $"b{seat}@x.io", $"Booked {seat}"), Now, Lines);
        }

        foreach (var (id, position) in waiting.Select((id, i) => (id, i + 1L)))
        {
            Store(slot.JoinWaitlist(new Customer(id, $"{id}@x.io", id.ToUpperInvariant()), Now, Lines), position);
        }

        Loaded(slot);
        Repository.GetForBookingAsync(slot.Id, Arg.Any<string>(), Arg.Any<DateTime>(), Arg.Any<CancellationToken>())
            .Returns(call => (slot, _held.GetValueOrDefault(call.ArgAt<string>(1), new LiveBookingCounts(0, 0)), Lines));
        Repository.GetForWaitlistAsync(slot.Id, Arg.Any<string>(), Arg.Any<DateTime>(), Arg.Any<CancellationToken>())
            .Returns((slot, 0, Lines));
        return slot;
    }

    private static string[] Waiting(Slot slot) => [.. slot.Waitlist.Where(e => e.IsWaiting).OrderBy(e => e.Position).Select(e => e.CustomerId)];

    [Fact]
    public async Task A_freed_seat_goes_to_the_first_in_line_as_a_booking_with_its_event_and_mail()
    {
        var slot = FullSlot(1, "w1", "w2");
        slot.CancelBooking("b0", Now, CancelledBy.Admin, null);
        var eventId = Guid.NewGuid();
        Events.Add(EventTypes.BookingCreated, slot.Id, Arg.Any<object>()).Returns(eventId);

        await Promotion().FillAsync(slot, Now, default);

        Assert.Equal(["w2"], Waiting(slot));
        var booking = Assert.Single(slot.Bookings, b => b.IsLive);
        Assert.Equal(("w1", "w1@x.io"), (booking.CustomerId, booking.CustomerEmail));
        Assert.Equal(WaitlistStatus.Booked, slot.Waitlist.Single(e => e.CustomerId == "w1").Status);
        var data = Assert.IsType<BookingEventData>(Assert.Single(Events.ReceivedCalls()).GetArguments()[2]);
        Assert.True(data.FromWaitlist);
        Assert.Equal(booking.Id, data.Booking.BookingId);
        Notifications.Received(1).Booked(eventId, booking, slot);
    }

    [Fact]
    public async Task Every_freed_seat_is_filled_and_the_rest_of_the_line_waits()
    {
        var slot = FullSlot(3, "w1", "w2", "w3", "w4");
        slot.CancelBooking("b0", Now, CancelledBy.Admin, null);
        slot.CancelBooking("b2", Now, CancelledBy.Admin, null);

        await Promotion().FillAsync(slot, Now, default);

        Assert.Equal(["w3", "w4"], Waiting(slot));
        Assert.Equal(3, slot.BookedCount);
        Assert.Equal(0, slot.SeatsLeft(Now));
        Assert.Equal([EventTypes.BookingCreated, EventTypes.BookingCreated], EventTypesWritten());
        // Each candidate costs a customer lock: none is asked for once the seats are gone.
        await Repository.ReceivedWithAnyArgs(2).GetForBookingAsync(default, default!, default, default);
    }

    [Fact]
    public async Task A_customer_at_a_booking_limit_is_skipped_and_the_next_one_gets_the_seat()
    {
        var slot = FullSlot(1, "w1", "w2");
        slot.CancelBooking("b0", Now, CancelledBy.Admin, null);
        _held["w1"] = new LiveBookingCounts(2, 0);

        await Promotion(new BookingLimits(PerCustomer: 2, PerCustomerWithSpecialist: 2)).FillAsync(slot, Now, default);

        var skipped = slot.Waitlist.Single(e => e.CustomerId == "w1");
        Assert.Equal((WaitlistStatus.Skipped, "booking_limit_reached"), (skipped.Status, skipped.SkipReason));
        Assert.Equal("w2", Assert.Single(slot.Bookings, b => b.IsLive).CustomerId);
        Assert.Equal([EventTypes.WaitlistSkipped, EventTypes.BookingCreated], EventTypesWritten());
        var data = Assert.IsType<WaitlistEventData>(Events.ReceivedCalls().First().GetArguments()[2]);
        Assert.Equal((skipped.Id, WaitlistStatus.Skipped, "booking_limit_reached"), (data.EntryId, data.Status, data.SkipReason));
    }

    [Fact]
    public async Task A_customer_the_slot_itself_refuses_is_skipped_with_the_slots_reason()
    {
        // w1 booked the slot another way (a move in) while waiting: the slot's own rule keeps them out.
        var slot = FullSlot(2, "w1", "w2");
        slot.CancelBooking("b0", Now, CancelledBy.Admin, null);
        slot.CancelBooking("b1", Now, CancelledBy.Admin, null);
        slot.Book(new Customer("w1", "w1@x.io", "W1"), Now, Lines);

        await Promotion().FillAsync(slot, Now, default);

        Assert.Equal("already_booked", slot.Waitlist.Single(e => e.CustomerId == "w1").SkipReason);
        Assert.Equal(["w1", "w2"], slot.Bookings.Where(b => b.IsLive).Select(b => b.CustomerId).Order());
    }

    [Fact]
    public async Task A_slot_nobody_may_book_keeps_its_line_as_it_is()
    {
        var slot = FullSlot(1, "w1");
        slot.CancelBooking("b0", Now, CancelledBy.Admin, null);
        slot.ChangeStatus(SlotStatus.Inactive, Now);

        await Promotion().FillAsync(slot, Now, default);

        Assert.Equal(["w1"], Waiting(slot));
        Assert.Equal(0, slot.BookedCount);
        Assert.Empty(Events.ReceivedCalls());
    }

    [Fact]
    public async Task A_full_slot_or_an_empty_line_is_not_even_loaded()
    {
        var full = FullSlot(1, "w1");
        var nobodyWaits = Slot(capacity: 2);

        await Promotion().FillAsync(full, Now, default);
        await Promotion().FillAsync(nobodyWaits, Now, default);

        await Repository.DidNotReceiveWithAnyArgs().LoadWaitlistAsync(default!, default);
        await Repository.DidNotReceiveWithAnyArgs().GetForBookingAsync(default, default!, default, default);
        Assert.Equal(["w1"], Waiting(full));
    }

    [Fact]
    public async Task Holds_past_their_time_end_with_theirEvents_and_their_seats_go_to_the_line()
    {
        var slot = Slot(capacity: 2);
        var lapsed = slot.PlaceHold(new Customer("h1", "h1@x.io", "H1"), Now, Lines, TimeSpan.FromMinutes(5));
        var live = slot.PlaceHold(new Customer("h2", "h2@x.io", "H2"), Now.AddMinutes(4), Lines, TimeSpan.FromMinutes(5));
        Store(slot.JoinWaitlist(new Customer("w1", "w1@x.io", "W1"), Now.AddMinutes(4), Lines), 1);
        Loaded(slot);

        await Promotion().FillAsync(slot, Now.AddMinutes(6), default);

        Assert.Equal((HoldStatus.Expired, HoldStatus.Live), (lapsed.Status, live.Status));
        Assert.Equal("w1", Assert.Single(slot.Bookings).CustomerId);
        Assert.Equal([EventTypes.HoldExpired, EventTypes.BookingCreated], EventTypesWritten());
        Assert.Equal(lapsed.Id, Assert.IsType<HoldEventData>(Events.ReceivedCalls().First().GetArguments()[2]).HoldId);
    }

    [Fact]
    public async Task Join_puts_the_customer_last_in_line_as_the_token_names_them()
    {
        var slot = FullSlot(1, "w1", "w2");

        var entry = await new JoinWaitlistHandler(Repository, Cara, Clock(), Promotion())
            .Handle(new JoinWaitlistCommand(slot.Id, CustomerName: "Cara C", Timezone: "Europe/Berlin"), default);

        Assert.Equal((3, "cara", "cara@x.io", "Cara C"), (entry.Position, entry.CustomerId, entry.CustomerEmail, entry.CustomerName));
        Assert.Equal("Europe/Berlin", slot.Waitlist.Single(e => e.CustomerId == "cara").CustomerTimezone);
        await Repository.Received(1).GetForWaitlistAsync(slot.Id, "cara", Now.UtcDateTime, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Join_gives_a_lapsed_holds_seat_to_those_already_waiting_before_the_newcomer_joins()
    {
        var slot = FullSlot(1, "w1");
        slot.CancelBooking("b0", Now, CancelledBy.Admin, null);
        slot.PlaceHold(new Customer("h1", "h1@x.io", "H1"), Now, Lines, TimeSpan.FromMinutes(5));
        var clock = Clock();
        clock.Advance(TimeSpan.FromMinutes(6));

        var entry = await new JoinWaitlistHandler(Repository, Cara, clock, Promotion())
            .Handle(new JoinWaitlistCommand(slot.Id), default);

        Assert.Equal("w1", Assert.Single(slot.Bookings, b => b.IsLive).CustomerId);
        Assert.Equal(1, entry.Position);
    }

    [Theory]
    [InlineData(SlotLimits.MaxWaitingPerCustomer - 1, true)]
    [InlineData(SlotLimits.MaxWaitingPerCustomer, false)]
    public async Task Join_counts_the_customers_other_lines_against_their_limit(int waitingElsewhere, bool joins)
    {
        var slot = FullSlot(1);
        Repository.GetForWaitlistAsync(slot.Id, "cara", Arg.Any<DateTime>(), Arg.Any<CancellationToken>())
            .Returns((slot, waitingElsewhere, Lines));
        var join = new JoinWaitlistHandler(Repository, Cara, Clock(), Promotion())
            .Handle(new JoinWaitlistCommand(slot.Id), default).AsTask();

        if (joins)
        {
            await join;
            Assert.Equal(1, slot.WaitingCount);
        }
        else
        {
            Assert.Equal("waitlist_limit_reached", (await Assert.ThrowsAsync<DomainException>(() => join)).Code);
            Assert.Equal(0, slot.WaitingCount);
        }
    }

    [Fact]
    public async Task Join_of_a_slot_with_a_free_seat_or_no_slot_at_all_is_refused()
    {
        var open = Slot(capacity: 1);
        Repository.GetForWaitlistAsync(open.Id, Arg.Any<string>(), Arg.Any<DateTime>(), Arg.Any<CancellationToken>()).Returns((open, 0, Lines));
        var handler = new JoinWaitlistHandler(Repository, Cara, Clock(), Promotion());

        var free = await Assert.ThrowsAsync<DomainException>(() => handler.Handle(new JoinWaitlistCommand(open.Id), default).AsTask());
        var missing = await Assert.ThrowsAsync<DomainException>(() => handler.Handle(new JoinWaitlistCommand(Guid.NewGuid()), default).AsTask());

        Assert.Equal(("seats_available", "slot_not_found"), (free.Code, missing.Code));
        Assert.Equal(0, open.WaitingCount);
    }

    [Fact]
    public async Task Leave_takes_the_customer_out_of_line_and_the_specialist_may_do_it_for_them()
    {
        var slot = FullSlot(1, "w1", "cara");

        await new LeaveWaitlistHandler(Repository, Cara, Clock())
            .Handle(new LeaveWaitlistCommand(slot.Id, "cara"), default);
        await new LeaveWaitlistHandler(Repository, Ann, Clock()).Handle(new LeaveWaitlistCommand(slot.Id, "w1"), default);

        Assert.Empty(Waiting(slot));
        Assert.All(slot.Waitlist, e => Assert.Equal((WaitlistStatus.Left, Now.UtcDateTime), (e.Status, e.EndedAt)));
    }

    [Fact]
    public async Task Leave_for_someone_else_is_refused_before_anything_is_loaded()
    {
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => new LeaveWaitlistHandler(Repository, Cara, Clock())
            .Handle(new LeaveWaitlistCommand(Guid.NewGuid(), "w1"), default).AsTask());

        Assert.Equal("not_yourself", ex.Code);
        await Repository.DidNotReceiveWithAnyArgs().GetForWaitlistAsync(default, default!, default, default);
    }

    [Fact]
    public async Task Leave_of_another_specialists_slot_or_a_missing_one_is_not_found()
    {
        var slot = FullSlot(1, "w1");
        var bob = User("spec-bob", "bob@example.com", Role.Specialist);

        var others = await Assert.ThrowsAsync<DomainException>(() =>
            new LeaveWaitlistHandler(Repository, bob, Clock()).Handle(new LeaveWaitlistCommand(slot.Id, "w1"), default).AsTask());
        var missing = await Assert.ThrowsAsync<DomainException>(() =>
            new LeaveWaitlistHandler(Repository, Ann, Clock()).Handle(new LeaveWaitlistCommand(Guid.NewGuid(), "w1"), default).AsTask());

        Assert.Equal(("slot_not_found", "slot_not_found"), (others.Code, missing.Code));
        Assert.Equal(["w1"], Waiting(slot));
    }

    [Fact]
    public async Task The_specialists_list_shows_those_waiting_in_line_order_numbered_from_one()
    {
        var reader = new InMemorySlotReader();
        var slot = FullSlot(1, "w1", "w2", "w3");
        slot.LeaveWaitlist("w1", Now);
        reader.Rows.Add(slot);

        var line = await new ListWaitlistHandler(reader, Ann).Handle(new ListWaitlistQuery(slot.Id), default);

        Assert.Equal([("w2", 1), ("w3", 2)], line.Select(e => (e.CustomerId, e.Position ?? 0)));
        var others = await Assert.ThrowsAsync<DomainException>(() => new ListWaitlistHandler(reader, User("spec-bob", "bob@example.com", Role.Specialist))
            .Handle(new ListWaitlistQuery(slot.Id), default).AsTask());
        Assert.Equal("slot_not_found", others.Code);
    }

    [Fact]
    public async Task The_customers_list_shows_their_upcoming_lines_waiting_first_with_their_place_and_no_entry_they_left()
    {
        var reader = new InMemorySlotReader();
        var cara = new Customer("cara", "cara@x.io", "Cara");
        var later = FullSlot(1, "w1", "w2", "w3", "cara");
        later.LeaveWaitlist("w1", Now);
        later.LeaveWaitlist("w3", Now);
        var sooner = Slot(capacity: 1, date: "2030-01-16", start: "08:00");
        sooner.Book(new Customer("b", "b@x.io", "B"), Now, Lines);
        var skippedThenBack = sooner.JoinWaitlist(cara, Now, Lines);
        Store(skippedThenBack, 6);
        sooner.SkipWaiting(skippedThenBack, "booking_limit_reached", Now);
        Store(sooner.JoinWaitlist(cara, Now, Lines), 7);
        var ended = Slot(capacity: 1, date: "2030-01-16", start: "06:00");
        ended.Book(new Customer("b", "b@x.io", "B"), Now, Lines);
        ended.SkipWaiting(ended.JoinWaitlist(cara, Now, Lines), "booking_limit_reached", Now);
        var left = Slot(capacity: 1, date: "2030-01-16", start: "04:00");
        left.Book(new Customer("b", "b@x.io", "B"), Now, Lines);
        left.JoinWaitlist(cara, Now, Lines);
        left.LeaveWaitlist("cara", Now);
        var startingNow = Slot(capacity: 1, date: "2030-01-15", start: "12:30");
        startingNow.Book(new Customer("b", "b@x.io", "B"), Now, Lines);
        startingNow.JoinWaitlist(cara, Now, Lines);
        reader.Rows.AddRange([later, startingNow, left, ended, sooner]);
        var clock = Clock();
        clock.Advance(TimeSpan.FromMinutes(30));

        var mine = await new ListMyWaitlistHandler(reader, Cara, clock)
            .Handle(new ListMyWaitlistQuery(), default);

        // The slot's waiting entry comes before the one a freed seat skipped.
        Assert.Equal(
            [(ended.Id, WaitlistStatus.Skipped), (sooner.Id, WaitlistStatus.Waiting), (sooner.Id, WaitlistStatus.Skipped), (later.Id, WaitlistStatus.Waiting)],
            mine.Select(m => (m.Entry.SlotId, m.Entry.Status)));
        // Only those still waiting ahead count: w1 and w3 left.
        Assert.Equal([null, 1, null, 2], mine.Select(m => m.Entry.Position));
        var last = mine[3];
        Assert.Equal(
            (later.SpecialistEmail, later.Date, later.StartTime, later.EndTime, later.Timezone, later.StartsAt, later.EndsAt, 1, 2),
            (last.SpecialistEmail, last.Date, last.StartTime, last.EndTime, last.Timezone, last.StartsAt, last.EndsAt, last.TotalCapacity, last.WaitingCount));
    }
}
