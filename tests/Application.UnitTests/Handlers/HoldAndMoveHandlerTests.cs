using FluentValidation.TestHelper;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Slots.Application.Common;
using Slots.Application.Common.Security;
using Slots.Application.Events;
using Slots.Application.Notifications;
using Slots.Application.Slots;
using Slots.Application.Slots.BookSlot;
using Slots.Application.Slots.ExpireHolds;
using Slots.Application.Slots.MoveBooking;
using Slots.Application.Slots.PlaceHold;
using Slots.Application.Slots.ReleaseHold;
using Slots.Domain.Common;
using Slots.Domain.Slots;
using static Slots.Application.UnitTests.TestData;

namespace Slots.Application.UnitTests.Handlers;

/// <summary>Seat holds (placed, released, expired by the sweep) and a booking's move, each with its events and the line it frees.</summary>
public class HoldAndMoveHandlerTests : HandlerTestBase
{
    private PlaceHoldHandler PlaceHold(ICurrentUser? user = null, BookingLimits? limits = null, FakeTimeProvider? clock = null) =>
        new(Repository, user ?? Cara, clock ?? Clock(), limits ?? BookingLimits.Default, new HoldSettings(7, 10), Events, Promotion());

    /// <summary>The repository loads <paramref name="slot"/> for a hold with these counts of the customer's.</summary>
    private void ForHold(Slot slot, int holding = 0, LiveBookingCounts? held = null) =>
        Repository.GetForHoldAsync(slot.Id, Arg.Any<string>(), Arg.Any<DateTime>(), Arg.Any<CancellationToken>())
            .Returns((slot, held ?? new LiveBookingCounts(0, 0), holding, Lines));

    [Fact]
    public async Task A_hold_keeps_a_seat_for_the_settings_minutes_and_writes_its_event()
    {
        var slot = Slot(capacity: 2);
        ForHold(slot);

        var hold = await PlaceHold().Handle(new PlaceHoldCommand(slot.Id), default);

        Assert.Equal((slot.Id, "cara", HoldStatus.Live, 1), (hold.SlotId, hold.CustomerId, hold.Status, hold.SeatsLeft));
        Assert.Equal(Now.UtcDateTime.AddMinutes(7), hold.ExpiresAt);
        Assert.Equal(Now.UtcDateTime, hold.CreatedAt);
        Assert.Equal(hold.HoldId, Assert.IsType<HoldEventData>(Assert.Single(Events.ReceivedCalls()).GetArguments()[2]).HoldId);
        Assert.Equal([EventTypes.HoldCreated], EventTypesWritten());
        await Repository.Received(1).GetForHoldAsync(slot.Id, "cara", Now.UtcDateTime, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_hold_lives_as_long_as_its_request_asks()
    {
        var slot = Slot(capacity: 2);
        ForHold(slot);

        var hold = await PlaceHold().Handle(new PlaceHoldCommand(slot.Id, Minutes: 2), default);

        Assert.Equal(Now.UtcDateTime.AddMinutes(2), hold.ExpiresAt);
    }

    [Theory]
    [InlineData(SlotLimits.MaxHoldsPerCustomer - 1, null)]
    [InlineData(SlotLimits.MaxHoldsPerCustomer, "hold_limit_reached")]
    public async Task A_customer_holds_at_most_their_limit_of_seats(int holding, string? refused)
    {
        var slot = Slot(capacity: 2);
        ForHold(slot, holding);

        var ex = await Record.ExceptionAsync(() => PlaceHold().Handle(new PlaceHoldCommand(slot.Id), default).AsTask());

        Assert.Equal(refused, (ex as DomainException)?.Code);
        Assert.Equal(refused is null ? 1 : 0, slot.HeldCount);
    }

    [Fact]
    public async Task A_hold_counts_as_a_booking_against_the_customers_limits()
    {
        var slot = Slot(capacity: 2);
        ForHold(slot, held: new LiveBookingCounts(1, 1));

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            PlaceHold(limits: new BookingLimits(PerCustomer: 5, PerCustomerWithSpecialist: 1)).Handle(new PlaceHoldCommand(slot.Id), default).AsTask());

        Assert.Equal("booking_limit_reached", ex.Code);
        Assert.Equal(0, slot.HeldCount);
    }

    [Fact]
    public async Task The_slots_own_rules_come_before_the_customers_limits()
    {
        var slot = Slot(capacity: 1);
        slot.Book(new Customer("b", "b@x.io", "B"), Now, Lines);
        ForHold(slot, holding: SlotLimits.MaxHoldsPerCustomer);

        var ex = await Assert.ThrowsAsync<DomainException>(() => PlaceHold().Handle(new PlaceHoldCommand(slot.Id), default).AsTask());

        Assert.Equal("slot_fully_booked", ex.Code);
    }

    [Fact]
    public async Task A_hold_of_a_missing_slot_is_not_found()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => PlaceHold().Handle(new PlaceHoldCommand(Guid.NewGuid()), default).AsTask());

        Assert.Equal("slot_not_found", ex.Code);
    }

    [Fact]
    public async Task A_lapsed_holds_seat_goes_to_the_line_before_anyone_holds_it()
    {
        var slot = Slot(capacity: 1);
        slot.PlaceHold(new Customer("h", "h@x.io", "H"), Now, Lines, TimeSpan.FromMinutes(5));
        Store(slot.JoinWaitlist(new Customer("w1", "w1@x.io", "W1"), Now, Lines), 1);
        ForHold(slot);
        Loaded(slot);
        var clock = Clock();
        clock.Advance(TimeSpan.FromMinutes(6));

        var ex = await Assert.ThrowsAsync<DomainException>(() => PlaceHold(clock: clock).Handle(new PlaceHoldCommand(slot.Id), default).AsTask());

        Assert.Equal("slot_fully_booked", ex.Code);
        Assert.Equal("w1", Assert.Single(slot.Bookings).CustomerId);
    }

    [Fact]
    public async Task Release_lets_the_seat_go_writes_its_event_and_gives_the_seat_to_the_line()
    {
        var slot = Slot(capacity: 1);
        var hold = slot.PlaceHold(new Customer("cara", "cara@x.io", "Cara"), Now, Lines, TimeSpan.FromMinutes(5));
        Store(slot.JoinWaitlist(new Customer("w1", "w1@x.io", "W1"), Now, Lines), 1);
        Repository.GetForUpdateAsync(slot.Id, SlotLoad.SlotOnly, Arg.Any<CancellationToken>()).Returns(slot);
        Loaded(slot);

        await new ReleaseHoldHandler(Repository, Cara, Clock(), Events, Promotion()).Handle(new ReleaseHoldCommand(slot.Id, hold.Id), default);

        Assert.Equal(HoldStatus.Released, hold.Status);
        Assert.Equal("w1", Assert.Single(slot.Bookings).CustomerId);
        Assert.Equal([EventTypes.HoldReleased, EventTypes.BookingCreated], EventTypesWritten());
        await Repository.Received(1).LoadHoldAsync(slot, hold.Id, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Release_of_another_customers_hold_or_an_unknown_one_is_refused_and_changes_nothing()
    {
        var slot = Slot(capacity: 2);
        var hold = slot.PlaceHold(new Customer("dan", "dan@x.io", "Dan"), Now, Lines, TimeSpan.FromMinutes(5));
        Repository.GetForUpdateAsync(slot.Id, SlotLoad.SlotOnly, Arg.Any<CancellationToken>()).Returns(slot);
        var release = new ReleaseHoldHandler(Repository, Cara, Clock(), Events, Promotion());

        var others = await Assert.ThrowsAsync<AccessDeniedException>(() => release.Handle(new ReleaseHoldCommand(slot.Id, hold.Id), default).AsTask());
        var unknown = await Assert.ThrowsAsync<DomainException>(() => release.Handle(new ReleaseHoldCommand(slot.Id, Guid.NewGuid()), default).AsTask());
        var missing = await Assert.ThrowsAsync<DomainException>(() => release.Handle(new ReleaseHoldCommand(Guid.NewGuid(), hold.Id), default).AsTask());

        Assert.Equal(("not_yourself", "hold_not_found", "slot_not_found"), (others.Code, unknown.Code, missing.Code));
        Assert.Equal(HoldStatus.Live, hold.Status);
        Assert.Empty(Events.ReceivedCalls());
    }

    [Fact]
    public async Task The_sweep_ends_a_slots_lapsed_holds_in_a_transaction_of_its_own_and_counts_them()
    {
        var slot = Slot(capacity: 3);
        slot.PlaceHold(new Customer("h1", "h1@x.io", "H1"), Now, Lines, TimeSpan.FromMinutes(5));
        slot.PlaceHold(new Customer("h2", "h2@x.io", "H2"), Now, Lines, TimeSpan.FromMinutes(5));
        var live = slot.PlaceHold(new Customer("h3", "h3@x.io", "H3"), Now, Lines, TimeSpan.FromMinutes(10));
        Repository.GetForUpdateAsync(slot.Id, SlotLoad.SlotOnly, Arg.Any<CancellationToken>()).Returns(slot);
        var unitOfWork = Substitute.For<IUnitOfWork>();
        unitOfWork.ExecuteAsync(Arg.Any<Func<CancellationToken, Task<int>>>(), Arg.Any<CancellationToken>())
            .Returns(call => call.ArgAt<Func<CancellationToken, Task<int>>>(0)(default));
        var clock = Clock();
        clock.Advance(TimeSpan.FromMinutes(6));
        var expiry = new HoldExpiry(Repository, unitOfWork, clock, Promotion());

        Assert.Equal(2, await expiry.ExpireAsync(slot.Id, default));
        Assert.Equal(0, await expiry.ExpireAsync(slot.Id, default));
        Assert.Equal(0, await expiry.ExpireAsync(Guid.NewGuid(), default));

        Assert.Equal((1, HoldStatus.Live), (slot.HeldCount, live.Status));
        Assert.Equal([EventTypes.HoldExpired, EventTypes.HoldExpired], EventTypesWritten());
        await unitOfWork.ReceivedWithAnyArgs(3).ExecuteAsync<int>(default!, default);
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(SlotLimits.MaxHoldMinutes + 1, 10)]
    [InlineData(5, 0)]
    public void Hold_settings_out_of_range_stop_the_start(int minutes, int sweepSeconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HoldSettings(minutes, sweepSeconds));

    [Fact]
    public void Hold_settings_take_their_bounds()
    {
        Assert.Equal((1, TimeSpan.FromSeconds(1)), (new HoldSettings(1, 1).Minutes, new HoldSettings(1, 1).SweepInterval));
        Assert.Equal(SlotLimits.MaxHoldMinutes, new HoldSettings(SlotLimits.MaxHoldMinutes, 10).Minutes);
    }

    [Fact]
    public void A_hold_request_takes_one_to_the_most_minutes_and_names_its_customer_as_a_booking_does()
    {
        var validator = new PlaceHoldValidator();
        var valid = new PlaceHoldCommand(Guid.NewGuid());

        validator.TestValidate(valid).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(valid with { Minutes = 1 }).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(valid with { Minutes = SlotLimits.MaxHoldMinutes }).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(valid with { Minutes = 0 }).ShouldHaveValidationErrorFor(c => c.Minutes);
        validator.TestValidate(valid with { Minutes = SlotLimits.MaxHoldMinutes + 1 }).ShouldHaveValidationErrorFor(c => c.Minutes);
        validator.TestValidate(valid with { CustomerEmail = "not-an-email" }).ShouldHaveValidationErrorFor(c => c.CustomerEmail);
    }

    [Fact]
    public void A_replayed_hold_says_so() =>
        Assert.True(((HoldResponse)new HoldResponse
        {
            HoldId = Guid.NewGuid(), SlotId = Guid.NewGuid(), CustomerId = "c", CreatedAt = Now.UtcDateTime, ExpiresAt = Now.UtcDateTime,
            Status = HoldStatus.Live, SeatsLeft = 0,
        }.AsReplayed()).Replayed);

    [Fact]
    public async Task A_move_takes_the_booking_to_the_target_with_one_event_its_mail_and_the_seat_it_left_to_that_line()
    {
        var (from, to) = (Slot(capacity: 1, start: "10:00"), Slot(capacity: 1, start: "12:00"));
        from.Book(new Customer("cara", "cara@x.io", "Cara"), Now, Lines);
        Store(from.JoinWaitlist(new Customer("w1", "w1@x.io", "W1"), Now, Lines), 1);
        Repository.GetForMoveAsync(from.Id, to.Id, "cara", Arg.Any<CancellationToken>()).Returns((from, to, Lines));
        Loaded(from);

        var moved = await new MoveBookingHandler(Repository, Cara, Clock(), Events, Notifications, Promotion())
            .Handle(new MoveBookingCommand(from.Id, "cara", to.Id, "  a clash at work "), default);

        Assert.Equal((to.Id, to.StartsAt), (moved.SlotId, moved.StartsAt));
        Assert.Equal("cara", Assert.Single(to.Bookings).CustomerId);
        Assert.Equal("w1", Assert.Single(from.Bookings, b => b.IsLive).CustomerId);
        Assert.Equal([EventTypes.BookingMoved, EventTypes.BookingCreated], EventTypesWritten());
        var call = Events.ReceivedCalls().First().GetArguments();
        Assert.Equal(to.Id, call[1]);
        var move = Assert.IsType<BookingEventData>(call[2]).Move!;
        Assert.Equal((from.Id, CancelledBy.Customer, "a clash at work"), (move.From.Id, move.By, move.Reason));
        Notifications.Received(1).MovedBooking(to.Bookings.Single(), to, Now);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public async Task A_move_without_a_reason_says_none(string? reason)
    {
        var (from, to) = (Slot(capacity: 1, start: "10:00"), Slot(capacity: 1, start: "12:00"));
        from.Book(new Customer("cara", "cara@x.io", "Cara"), Now, Lines);
        Repository.GetForMoveAsync(from.Id, to.Id, "cara", Arg.Any<CancellationToken>()).Returns((from, to, Lines));

        await new MoveBookingHandler(Repository, Ann, Clock(), Events, Notifications, Promotion())
            .Handle(new MoveBookingCommand(from.Id, "cara", to.Id, reason), default);

        var move = Assert.IsType<BookingEventData>(Assert.Single(Events.ReceivedCalls()).GetArguments()[2]).Move!;
        Assert.Equal((CancelledBy.Specialist, null), (move.By, move.Reason));
    }

    [Fact]
    public async Task A_move_into_a_seat_a_lapsed_hold_kept_gives_it_to_the_targets_line_first()
    {
        var (from, to) = (Slot(capacity: 1, start: "10:00"), Slot(capacity: 1, start: "12:00"));
        from.Book(new Customer("cara", "cara@x.io", "Cara"), Now, Lines);
        to.PlaceHold(new Customer("h", "h@x.io", "H"), Now, Lines, TimeSpan.FromMinutes(5));
        Store(to.JoinWaitlist(new Customer("w1", "w1@x.io", "W1"), Now, Lines), 1);
        Repository.GetForMoveAsync(from.Id, to.Id, "cara", Arg.Any<CancellationToken>()).Returns((from, to, Lines));
        Loaded(to);
        var clock = Clock();
        clock.Advance(TimeSpan.FromMinutes(6));

        var ex = await Assert.ThrowsAsync<DomainException>(() => new MoveBookingHandler(Repository, Cara, clock, Events, Notifications, Promotion())
            .Handle(new MoveBookingCommand(from.Id, "cara", to.Id), default).AsTask());

        Assert.Equal("slot_fully_booked", ex.Code);
        Assert.Equal("w1", Assert.Single(to.Bookings).CustomerId);
        Assert.Equal("cara", Assert.Single(from.Bookings, b => b.IsLive).CustomerId);
    }

    [Fact]
    public async Task A_move_of_someone_elses_booking_or_between_missing_slots_is_refused()
    {
        var from = Slot(capacity: 1);
        Repository.GetForMoveAsync(from.Id, Arg.Any<Guid>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns((from, null, Lines));
        var move = new MoveBookingHandler(Repository, Cara, Clock(), Events, Notifications, Promotion());

        var others = await Assert.ThrowsAsync<AccessDeniedException>(() => move.Handle(new MoveBookingCommand(from.Id, "dan", Guid.NewGuid()), default).AsTask());
        var fromId = Guid.NewGuid();
        var noFrom = await Assert.ThrowsAsync<DomainException>(() => move.Handle(new MoveBookingCommand(fromId, "cara", Guid.NewGuid()), default).AsTask());
        var toId = Guid.NewGuid();
        var noTo = await Assert.ThrowsAsync<DomainException>(() => move.Handle(new MoveBookingCommand(from.Id, "cara", toId), default).AsTask());

        Assert.Equal(("not_yourself", "slot_not_found", "slot_not_found"), (others.Code, noFrom.Code, noTo.Code));
        Assert.Contains(toId.ToString(), noTo.Message, StringComparison.Ordinal);
        Assert.Contains(fromId.ToString(), noFrom.Message, StringComparison.Ordinal);
        await Repository.DidNotReceive().GetForMoveAsync(from.Id, Arg.Any<Guid>(), "dan", Arg.Any<CancellationToken>());
    }

    [Fact]
    public void A_move_request_names_a_customer_a_target_and_at_most_a_reasons_length()
    {
        var validator = new MoveBookingValidator();
        var valid = new MoveBookingCommand(Guid.NewGuid(), "cara", Guid.NewGuid(), new string('r', SlotLimits.MaxReasonLength));

        validator.TestValidate(valid).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(valid with { CustomerId = "" }).ShouldHaveValidationErrorFor(c => c.CustomerId);
        validator.TestValidate(valid with { ToSlotId = Guid.Empty }).ShouldHaveValidationErrorFor(c => c.ToSlotId);
        validator.TestValidate(valid with { Reason = new string('r', SlotLimits.MaxReasonLength + 1) }).ShouldHaveValidationErrorFor(c => c.Reason);
    }
}
