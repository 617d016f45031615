using FluentValidation.TestHelper;
using NSubstitute;
using Slots.Application.Common.Security;
using Slots.Application.Events;
using Slots.Application.Notifications;
using Slots.Application.Slots;
using Slots.Application.Slots.BookSlot;
using Slots.Application.Slots.CancelBooking;
using Slots.Application.Slots.ChangeSeries;
using Slots.Application.Slots.CreateSeries;
using Slots.Application.Slots.CreateSlot;
using Slots.Application.Slots.DeleteSeries;
using Slots.Application.Slots.DeleteSlot;
using Slots.Application.Slots.JoinWaitlist;
using Slots.Application.Slots.ListAvailableSlots;
using Slots.Application.Slots.ListMyBookings;
using Slots.Application.Slots.Policies;
using Slots.Application.Webhooks;
using Slots.Application.Webhooks.CreateWebhook;
using Slots.Application.Webhooks.ListDeliveries;
using Slots.Domain.Common;
using Slots.Domain.Slots;
using static Slots.Application.UnitTests.TestData;

namespace Slots.Application.UnitTests.Handlers;

/// <summary>
/// Rules the mutation run showed no unit test held: the line served before a booking and after a cancellation, the order
/// of a join's checks, the preconditions and events of deletes and series changes, and the sizes the lists settle.
/// </summary>
public class RuleSurvivorTests : HandlerTestBase
{
    private readonly IBulkWriteBudget _budget = Substitute.For<IBulkWriteBudget>();

    /// <summary>A one-seat slot with a lapsed hold on its seat and w1 waiting; the repository loads it for anything.</summary>
    private Slot SlotWithALapsedHoldAndALine()
    {
        var slot = Slot(capacity: 1);
        slot.PlaceHold(new Customer("h", "h@x.io", "H"), Now.AddMinutes(-10), Lines, TimeSpan.FromMinutes(5));
        Store(slot.JoinWaitlist(new Customer("w1", "w1@x.io", "W1"), Now.AddMinutes(-9), Lines), 1);
        return Loaded(slot);
    }

    [Fact]
    public async Task A_booking_finds_a_lapsed_holds_seat_already_given_to_the_line()
    {
        var slot = SlotWithALapsedHoldAndALine();

        var ex = await Assert.ThrowsAsync<DomainException>(() => new BookSlotHandler(Repository, Cara, Clock(), BookingLimits.Default, Events, Notifications, Promotion())
            .Handle(new BookSlotCommand(slot.Id), default).AsTask());

        Assert.Equal("slot_fully_booked", ex.Code);
        Assert.Equal("w1", Assert.Single(slot.Bookings).CustomerId);
    }

    [Fact]
    public async Task A_cancelled_seat_goes_to_the_first_in_line_after_the_cancellation_event()
    {
        var slot = Slot(capacity: 1);
        slot.Book(new Customer("cara", "cara@x.io", "Cara"), Now, Lines);
        Store(slot.JoinWaitlist(new Customer("w1", "w1@x.io", "W1"), Now, Lines), 1);
        Loaded(slot);

        await new CancelBookingHandler(Repository, Cara, Clock(), Events, Notifications, Promotion())
            .Handle(new CancelBookingCommand(slot.Id, "cara"), default);

        Assert.Equal("w1", Assert.Single(slot.Bookings, b => b.IsLive).CustomerId);
        Assert.Equal([EventTypes.BookingCancelled, EventTypes.BookingCreated], EventTypesWritten());
    }

    [Fact]
    public async Task A_join_hears_the_slots_own_rule_before_the_customers_limit()
    {
        var slot = Slot(capacity: 1);
        Repository.GetForWaitlistAsync(slot.Id, Arg.Any<string>(), Arg.Any<DateTime>(), Arg.Any<CancellationToken>())
            .Returns((slot, SlotLimits.MaxWaitingPerCustomer, Lines));

        var ex = await Assert.ThrowsAsync<DomainException>(() => new JoinWaitlistHandler(Repository, Cara, Clock(), Promotion())
            .Handle(new JoinWaitlistCommand(slot.Id), default).AsTask());

        Assert.Equal("seats_available", ex.Code);
    }

    [Fact]
    public async Task A_new_slot_writes_its_event()
    {
        var response = await new CreateSlotHandler(Repository, Ann, Clock(), Events).Handle(new CreateSlotCommand("2030-01-20", "09:00", "10:00"), default);

        Events.Received(1).Add(EventTypes.SlotCreated, response.Id, Arg.Is<SlotEventData>(d => d.Slot.Id == response.Id));
    }

    [Fact]
    public async Task A_delete_read_at_an_older_version_is_refused()
    {
        var slot = Slot();
        Repository.GetForUpdateAsync(slot.Id, Arg.Any<SlotLoad>(), Arg.Any<CancellationToken>()).Returns(slot);

        var ex = await Assert.ThrowsAsync<DomainException>(() =>
            new DeleteSlotHandler(Repository, Ann, Events).Handle(new DeleteSlotCommand(slot.Id, [slot.Version + 1]), default).AsTask());

        Assert.Equal("precondition_failed", ex.Code);
        Repository.DidNotReceiveWithAnyArgs().Remove(default!);
    }

    [Fact]
    public async Task A_series_change_or_delete_that_changes_nothing_writes_no_event_and_spends_nothing()
    {
        var seriesId = Guid.NewGuid();
        var booked = Slot(capacity: 1);
        booked.Book(new Customer("c", "c@x.io", "C"), Now, Lines);
        Repository.GetSeriesForUpdateAsync(seriesId, Arg.Any<CancellationToken>()).Returns([booked]);

        var change = await new ChangeSeriesHandler(Repository, Ann, Clock(), Events, _budget).Handle(new ChangeSeriesCommand(seriesId, SlotStatus.Active), default);
        var delete = await new DeleteSeriesHandler(Repository, Ann, Clock(), Events, _budget).Handle(new DeleteSeriesCommand(seriesId), default);

        Assert.Equal((0, 0), (change.Changed, delete.Deleted.Count));
        Assert.Empty(Events.ReceivedCalls());
        _budget.DidNotReceiveWithAnyArgs().Spend(default);
    }

    [Fact]
    public async Task A_series_policy_is_each_slots_override()
    {
        var seriesId = Guid.NewGuid();
        var slot = Slot();
        Repository.GetSeriesForUpdateAsync(seriesId, Arg.Any<CancellationToken>()).Returns([slot]);

        var change = await new ChangeSeriesHandler(Repository, Ann, Clock(), Events, _budget)
            .Handle(new ChangeSeriesCommand(seriesId, null, new PolicyInput(BookingNoticeMinutes: 120)), default);

        Assert.Equal((1, 120), (change.Changed, slot.Policy.BookingNoticeMinutes));
        _budget.Received(1).Spend(1);
    }

    [Fact]
    public async Task The_lists_take_the_size_asked_and_the_customers_view_the_full_slots_with_a_line_when_asked()
    {
        var reader = new InMemorySlotReader();
        var full = Slot(capacity: 1, start: "08:00", date: "2030-01-17");
        full.Book(new Customer("b", "b@x.io", "B"), Now, Lines);
        full.ChangePolicy(PolicyOverride.Create(null, null, null, null, waitlist: true), Now);
        foreach (var date in new[] { "2030-01-16", "2030-01-18", "2030-01-19" })
        {
            var open = Slot(capacity: 2, date: date);
            open.Book(new Customer("cara", "cara@x.io", "Cara"), Now, Lines);
            reader.Rows.Add(open);
        }

        reader.Rows.Add(full);

        var available = new ListAvailableSlotsHandler(reader, Clock());
        var one = await available.Handle(new ListAvailableSlotsQuery("ann@example.com", null, null, 1, null), default);
        var withFull = await available.Handle(new ListAvailableSlotsQuery("ann@example.com", null, null, null, null, IncludeFull: true), default);
        var mine = await new ListMyBookingsHandler(reader, Cara, Clock()).Handle(new ListMyBookingsQuery(2, null), default);

        Assert.Equal((1, true), (one.Items.Count, one.NextCursor is not null));
        Assert.Contains(withFull.Items, s => s.Id == full.Id);
        Assert.Equal((2, true), (mine.Items.Count, mine.NextCursor is not null));
    }

    [Fact]
    public void A_cancellations_reason_and_a_webhooks_description_are_bounded()
    {
        new CancelBookingValidator().TestValidate(new CancelBookingCommand(Guid.NewGuid(), "c1", new string('r', SlotLimits.MaxReasonLength + 1)))
            .ShouldHaveValidationErrorFor(c => c.Reason);
        new CreateWebhookValidator().TestValidate(new CreateWebhookCommand("https://billing.internal/hooks", null, new string('d', CreateWebhookValidator.MaxDescriptionLength + 1)))
            .ShouldHaveValidationErrorFor(c => c.Description);
    }

    [Fact]
    public async Task Deliveries_of_an_unknown_webhook_are_not_found_and_a_status_filters_them()
    {
        var store = Substitute.For<IWebhookStore>();
        var (known, unknown) = (Guid.NewGuid(), Guid.NewGuid());
        store.ExistsAsync(known, Arg.Any<CancellationToken>()).Returns(true);
        store.ListDeliveriesAsync(default, default, default, default, default).ReturnsForAnyArgs([]);

        await new ListDeliveriesHandler(store).Handle(new ListDeliveriesQuery(known, null, null, null), default);
        var ex = await Assert.ThrowsAsync<DomainException>(() => new ListDeliveriesHandler(store).Handle(new ListDeliveriesQuery(unknown, null, null, null), default).AsTask());

        Assert.Equal("webhook_not_found", ex.Code);
        await store.Received(1).ListDeliveriesAsync(known, null, null, 101, Arg.Any<CancellationToken>());
    }
}
