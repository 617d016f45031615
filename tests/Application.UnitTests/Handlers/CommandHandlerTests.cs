using NSubstitute;
using Slots.Application.Events;
using Slots.Application.Notifications;
using Slots.Application.Slots;
using Slots.Application.Slots.BookSlot;
using Slots.Application.Slots.CancelBooking;
using Slots.Application.Slots.CreateSlot;
using Slots.Application.Slots.DeleteSlot;
using Slots.Application.Slots.UpdateSlot;
using Slots.Domain.Common;
using Slots.Domain.Slots;
using static Slots.Application.UnitTests.TestData;

namespace Slots.Application.UnitTests.Handlers;

public class CommandHandlerTests
{
    private readonly ISlotRepository _repository = Substitute.For<ISlotRepository>();

    /// <summary>The promotion the handlers run after freeing a seat; these slots have nobody waiting.</summary>
    private WaitlistPromotion Waitlist() =>
        new(_repository, BookingLimits.Default, Substitute.For<IEventOutbox>(), Substitute.For<INotificationOutbox>());

    public CommandHandlerTests() =>
        _repository.HoldsHandleAsync(default!, default, default).ReturnsForAnyArgs(true);

    [Fact]
    public async Task Create_adds_a_slot_built_from_the_local_date_times_and_zone()
    {
        var handler = new CreateSlotHandler(_repository, Ann, Clock(), Substitute.For<IEventOutbox>());

        var response = await handler.Handle(
            new CreateSlotCommand("2030-03-10", "01:30", "03:30", 4, "America/New_York", "svc-1", "Ann@Example.com"), default);

        Received.InOrder(() =>
        {
            _repository.LockScheduleAsync("ann@example.com", Arg.Any<CancellationToken>());
            _repository.HoldsHandleAsync(Arg.Is<Specialist>(s => s.Email == "ann@example.com" && s.Id == "spec-ann"), true, Arg.Any<CancellationToken>());
            _repository.Add(Arg.Is<Slot>(s => s.Id == response.Id && s.TotalCapacity == 4));
        });
        Assert.Equal("ann@example.com", response.SpecialistEmail);
        Assert.Equal(60, response.Duration);
        Assert.Equal("svc-1", response.ServiceId);
        Assert.Equal(new DateTime(2030, 3, 10, 6, 30, 0, DateTimeKind.Utc), response.StartsAt);
    }

    [Fact]
    public async Task Create_defaults_to_utc_and_one_seat()
    {
        var handler = new CreateSlotHandler(_repository, Ann, Clock(), Substitute.For<IEventOutbox>());

        var response = await handler.Handle(new CreateSlotCommand("2030-01-20", "09:00", "09:45"), default);

        Assert.Equal("UTC", response.Timezone);
        Assert.Equal(1, response.TotalCapacity);
    }

    [Fact]
    public async Task Create_under_another_accounts_handle_adds_nothing()
    {
        _repository.HoldsHandleAsync(default!, default, default).ReturnsForAnyArgs(false);
        var handler = new CreateSlotHandler(_repository, Ann, Clock(), Substitute.For<IEventOutbox>());

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            handler.Handle(new CreateSlotCommand("2030-01-20", "09:00", "10:00"), default).AsTask());

        Assert.Equal("handle_taken", ex.Code);
        _repository.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task Create_in_the_past_adds_nothing()
    {
        var handler = new CreateSlotHandler(_repository, Ann, Clock(), Substitute.For<IEventOutbox>());

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            handler.Handle(new CreateSlotCommand("2030-01-15", "09:00", "10:00"), default).AsTask());

        Assert.Equal("start_not_in_future", ex.Code);
        _repository.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task Book_locks_the_slot_and_returns_a_confirmation()
    {
        var slot = Slot(capacity: 2);
        _repository.GetForBookingAsync(slot.Id, Arg.Any<string>(), Arg.Any<DateTime>(), Arg.Any<CancellationToken>())
            .Returns((slot, new LiveBookingCounts(0, 0), BookingPolicy.Default));
        var handler = new BookSlotHandler(_repository, Admin, Clock(), BookingLimits.Default, Substitute.For<IEventOutbox>(), Substitute.For<INotificationOutbox>(), Waitlist());

        var confirmation = await handler.Handle(new BookSlotCommand(slot.Id, "c1", "C1@x.io", "Cee"), default);

        Assert.Equal(slot.Id, confirmation.SlotId);
        Assert.Equal("c1@x.io", confirmation.CustomerEmail);
        Assert.Equal(slot.StartsAt, confirmation.StartsAt);
        Assert.Equal(Now.UtcDateTime, confirmation.BookedAt);
        Assert.Equal(1, slot.BookedCount);
    }

    [Theory]
    [InlineData(2, 1, "with one specialist")]
    [InlineData(5, 0, "at most 5 upcoming bookings.")]
    public async Task Book_refuses_a_customer_at_a_limit_and_books_nothing(int total, int withSpecialist, string says)
    {
        var slot = Slot(capacity: 2);
        _repository.GetForBookingAsync(slot.Id, "c1", Now.UtcDateTime, Arg.Any<CancellationToken>())
            .Returns((slot, new LiveBookingCounts(total, withSpecialist), BookingPolicy.Default));
        var handler = new BookSlotHandler(_repository, Admin, Clock(), new BookingLimits(PerCustomer: 5, PerCustomerWithSpecialist: 1), Substitute.For<IEventOutbox>(), Substitute.For<INotificationOutbox>(), Waitlist());

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            handler.Handle(new BookSlotCommand(slot.Id, "c1", "c1@x.io", "Cee"), default).AsTask());

        Assert.Equal("booking_limit_reached", ex.Code);
        Assert.Equal(DomainErrorKind.Conflict, ex.Kind);
        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, slot.BookedCount);
    }

    [Fact]
    public async Task A_full_slot_says_it_is_full_even_to_a_customer_at_a_limit()
    {
        var slot = Slot(capacity: 1);
        slot.Book(new Customer("c0", "c0@x.io", "Zero"), Now, BookingPolicy.Default);
        _repository.GetForBookingAsync(slot.Id, Arg.Any<string>(), Arg.Any<DateTime>(), Arg.Any<CancellationToken>())
            .Returns((slot, new LiveBookingCounts(99, 99), BookingPolicy.Default));

        var ex = await Assert.ThrowsAsync<DomainException>(() => new BookSlotHandler(_repository, Admin, Clock(), BookingLimits.Default, Substitute.For<IEventOutbox>(), Substitute.For<INotificationOutbox>(), Waitlist())
            .Handle(new BookSlotCommand(slot.Id, "c1", "c1@x.io", "Cee"), default).AsTask());

        Assert.Equal("slot_fully_booked", ex.Code);
    }

    [Fact]
    public async Task Book_of_a_missing_slot_is_not_found()
    {
        var handler = new BookSlotHandler(_repository, Admin, Clock(), BookingLimits.Default, Substitute.For<IEventOutbox>(), Substitute.For<INotificationOutbox>(), Waitlist());

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            handler.Handle(new BookSlotCommand(Guid.NewGuid(), "c1", "c1@x.io", "Cee"), default).AsTask());

        Assert.Equal("slot_not_found", ex.Code);
        Assert.Equal(DomainErrorKind.NotFound, ex.Kind);
    }

    [Fact]
    public async Task Book_passes_the_aggregate_refusal_through()
    {
        var slot = Slot(capacity: 1);
        slot.Book(new Customer("c0", "c0@x.io", "Zero"), Now, BookingPolicy.Default);
        _repository.GetForBookingAsync(slot.Id, Arg.Any<string>(), Arg.Any<DateTime>(), Arg.Any<CancellationToken>())
            .Returns((slot, new LiveBookingCounts(0, 0), BookingPolicy.Default));
        var handler = new BookSlotHandler(_repository, Admin, Clock(), BookingLimits.Default, Substitute.For<IEventOutbox>(), Substitute.For<INotificationOutbox>(), Waitlist());

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            handler.Handle(new BookSlotCommand(slot.Id, "c1", "c1@x.io", "Cee"), default).AsTask());

        Assert.Equal("slot_fully_booked", ex.Code);
    }

    [Fact]
    public async Task Cancel_frees_the_customers_seat()
    {
        var slot = Slot(capacity: 2);
        slot.Book(new Customer("c1", "c1@x.io", "One"), Now, BookingPolicy.Default);
        _repository.GetForUpdateAsync(slot.Id, Arg.Any<SlotLoad>(), Arg.Any<CancellationToken>()).Returns(slot);

        await new CancelBookingHandler(_repository, Ann, Clock(), Substitute.For<IEventOutbox>(), Substitute.For<INotificationOutbox>(), Waitlist()).Handle(new CancelBookingCommand(slot.Id, "c1"), default);

        Assert.Equal(0, slot.BookedCount);
    }

    [Fact]
    public async Task Cancel_of_a_missing_slot_is_not_found()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            new CancelBookingHandler(_repository, Ann, Clock(), Substitute.For<IEventOutbox>(), Substitute.For<INotificationOutbox>(), Waitlist()).Handle(new CancelBookingCommand(Guid.NewGuid(), "c1"), default).AsTask());

        Assert.Equal("slot_not_found", ex.Code);
    }

    [Fact]
    public async Task Update_changes_times_and_status_together()
    {
        var slot = Slot();
        _repository.GetForUpdateAsync(slot.Id, Arg.Any<SlotLoad>(), Arg.Any<CancellationToken>()).Returns(slot);

        var response = await new UpdateSlotHandler(_repository, Ann, Clock(), Substitute.For<IEventOutbox>(), Substitute.For<INotificationOutbox>(), Waitlist())
            .Handle(new UpdateSlotCommand(slot.Id, "14:00", "16:00", SlotStatus.Inactive), default);

        Assert.Equal(new TimeOnly(14, 0), response.StartTime);
        Assert.Equal(120, response.Duration);
        await _repository.Received(1).LockScheduleAsync(slot.SpecialistEmail, Arg.Any<CancellationToken>());
        Assert.Equal(SlotStatus.Inactive, response.Status);
        // The response lists bookings, so the command loads every live one, not a part.
        await _repository.Received(1).GetForUpdateAsync(slot.Id, SlotLoad.AllLiveBookings, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Update_with_status_only_keeps_the_times()
    {
        var slot = Slot();
        slot.ChangeStatus(SlotStatus.Inactive, Now);
        _repository.GetForUpdateAsync(slot.Id, Arg.Any<SlotLoad>(), Arg.Any<CancellationToken>()).Returns(slot);

        var response = await new UpdateSlotHandler(_repository, Ann, Clock(), Substitute.For<IEventOutbox>(), Substitute.For<INotificationOutbox>(), Waitlist())
            .Handle(new UpdateSlotCommand(slot.Id, null, null, SlotStatus.Active), default);

        Assert.Equal(SlotStatus.Active, response.Status);
        Assert.Equal(new TimeOnly(10, 0), response.StartTime);
        await _repository.DidNotReceiveWithAnyArgs().LockScheduleAsync(default!, default);
    }

    [Fact]
    public async Task Delete_removes_an_unbooked_slot()
    {
        var slot = Slot();
        _repository.GetForUpdateAsync(slot.Id, Arg.Any<SlotLoad>(), Arg.Any<CancellationToken>()).Returns(slot);

        await new DeleteSlotHandler(_repository, Ann, Substitute.For<IEventOutbox>()).Handle(new DeleteSlotCommand(slot.Id), default);

        _repository.Received(1).Remove(slot);
    }

    [Fact]
    public async Task Delete_of_a_booked_slot_removes_nothing()
    {
        var slot = Slot();
        slot.Book(new Customer("c1", "c1@x.io", "One"), Now, BookingPolicy.Default);
        _repository.GetForUpdateAsync(slot.Id, Arg.Any<SlotLoad>(), Arg.Any<CancellationToken>()).Returns(slot);

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            new DeleteSlotHandler(_repository, Ann, Substitute.For<IEventOutbox>()).Handle(new DeleteSlotCommand(slot.Id), default).AsTask());

        Assert.Equal("slot_has_bookings", ex.Code);
        _repository.DidNotReceiveWithAnyArgs().Remove(default!);
    }

    [Fact]
    public async Task Each_change_writes_its_event_and_a_status_it_already_had_writes_none()
    {
        var events = Substitute.For<IEventOutbox>();
        var slot = Slot(capacity: 2);
        _repository.GetForUpdateAsync(slot.Id, Arg.Any<SlotLoad>(), Arg.Any<CancellationToken>()).Returns(slot);
        _repository.GetForBookingAsync(slot.Id, Arg.Any<string>(), Arg.Any<DateTime>(), Arg.Any<CancellationToken>())
            .Returns((slot, new LiveBookingCounts(0, 0), BookingPolicy.Default));
        var notifications = Substitute.For<INotificationOutbox>();
        var update = new UpdateSlotHandler(_repository, Ann, Clock(), events, notifications, Waitlist());

        await update.Handle(new UpdateSlotCommand(slot.Id, null, null, SlotStatus.Active), default); // already active
        var (booked, cancelledEvent) = (Guid.NewGuid(), Guid.NewGuid());
        events.Add(EventTypes.BookingCreated, Arg.Any<Guid>(), Arg.Any<object>()).Returns(booked);
        events.Add(EventTypes.BookingCancelled, Arg.Any<Guid>(), Arg.Any<object>()).Returns(cancelledEvent);
        await new BookSlotHandler(_repository, Admin, Clock(), BookingLimits.Default, events, notifications, Waitlist())
            .Handle(new BookSlotCommand(slot.Id, "c1", "c1@x.io", "One"), default);
        await new CancelBookingHandler(_repository, Ann, Clock(), events, notifications, Waitlist()).Handle(new CancelBookingCommand(slot.Id, "c1"), default);
        await update.Handle(new UpdateSlotCommand(slot.Id, "09:00", null, null), default);
        await new DeleteSlotHandler(_repository, Ann, events).Handle(new DeleteSlotCommand(slot.Id), default);

        Assert.Equal(
            [EventTypes.BookingCreated, EventTypes.BookingCancelled, EventTypes.SlotChanged, EventTypes.SlotDeleted],
            events.ReceivedCalls().Select(c => (string)c.GetArguments()[0]!));
        Assert.All(events.ReceivedCalls(), c => Assert.Equal(slot.Id, c.GetArguments()[1]));
        var cancelled = Assert.IsType<BookingEventData>(events.ReceivedCalls().ElementAt(1).GetArguments()[2]);
        Assert.NotNull(cancelled.Booking.CancelledAt);
        Assert.Equal((0, 3), (cancelled.Slot.BookedCount, cancelled.Slot.Version));
        // The booking's own notifications go with its event, under the event's id.
        var booking = slot.Bookings.Single(b => b.CustomerId == "c1");
        Assert.Equal(
            [nameof(INotificationOutbox.Booked), nameof(INotificationOutbox.Cancelled), nameof(INotificationOutbox.Moved)],
            notifications.ReceivedCalls().Select(c => c.GetMethodInfo().Name));
        var (bookedCall, cancelledCall) = (notifications.ReceivedCalls().ElementAt(0), notifications.ReceivedCalls().ElementAt(1));
        Assert.Equal((booked, cancelledEvent), ((Guid)bookedCall.GetArguments()[0]!, (Guid)cancelledCall.GetArguments()[0]!));
        Assert.Same(booking, bookedCall.GetArguments()[1]);
        Assert.Same(booking, cancelledCall.GetArguments()[1]);
        // The move's reminders go with the change of times, not with a change of status.
        Assert.Same(slot, notifications.ReceivedCalls().ElementAt(2).GetArguments()[0]);
    }

    [Fact]
    public async Task A_refused_change_writes_no_event()
    {
        var events = Substitute.For<IEventOutbox>();
        var slot = Slot();
        slot.Book(new Customer("c1", "c1@x.io", "One"), Now, BookingPolicy.Default);
        _repository.GetForUpdateAsync(slot.Id, Arg.Any<SlotLoad>(), Arg.Any<CancellationToken>()).Returns(slot);

        await Assert.ThrowsAsync<DomainException>(() =>
            new DeleteSlotHandler(_repository, Ann, events).Handle(new DeleteSlotCommand(slot.Id), default).AsTask());

        events.DidNotReceiveWithAnyArgs().Add(default!, default, default!);
    }
}
