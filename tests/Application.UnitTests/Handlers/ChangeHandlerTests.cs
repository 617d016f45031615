using NSubstitute;
using Slots.Application.Common.Security;
using Slots.Application.Events;
using Slots.Application.Notifications;
using Slots.Application.Slots;
using Slots.Application.Slots.BookSlot;
using Slots.Application.Slots.CreateSeries;
using Slots.Application.Slots.Policies;
using Slots.Application.Slots.UpdateSlot;
using Slots.Domain.Slots;
using static Slots.Application.UnitTests.TestData;

namespace Slots.Application.UnitTests.Handlers;

/// <summary>What a change of a slot or a new series settles on its own: each part of an update, the seats it frees, a series' defaults and its skipped slots.</summary>
public class ChangeHandlerTests : HandlerTestBase
{
    private readonly IBulkWriteBudget _budget = Substitute.For<IBulkWriteBudget>();

    private UpdateSlotHandler Update() =>
        new(Repository, Ann, Clock(), Events, Notifications, Promotion());

    private SlotEventData SlotChanged() =>
        Assert.IsType<SlotEventData>(Assert.Single(Events.ReceivedCalls(), c => (string)c.GetArguments()[0]! == EventTypes.SlotChanged).GetArguments()[2]);

    [Fact]
    public async Task A_new_end_alone_keeps_the_start_and_the_event_says_where_the_slot_was()
    {
        var slot = Loaded(Slot());
        var before = new SlotEventData.Times(slot.StartsAt, slot.EndsAt);

        var response = await Update().Handle(new UpdateSlotCommand(slot.Id, null, "12:00", null), default);

        Assert.Equal((new TimeOnly(10, 0), new TimeOnly(12, 0)), (response.StartTime, response.EndTime));
        Assert.Equal(before, SlotChanged().MovedFrom);
        Notifications.Received(1).Moved(slot, Now);
    }

    [Fact]
    public async Task A_new_policy_is_the_slots_override_and_no_move()
    {
        var slot = Loaded(Slot());

        var response = await Update().Handle(new UpdateSlotCommand(slot.Id, null, null, null, Policy: new PolicyInput(CancelNoticeMinutes: 90)), default);

        Assert.Equal(90, slot.Policy.CancelNoticeMinutes);
        Assert.Equal(90, response.Policy.CancelNoticeMinutes);
        Assert.Null(SlotChanged().MovedFrom);
        Notifications.DidNotReceiveWithAnyArgs().Moved(default!, default);
    }

    [Fact]
    public async Task A_slot_opened_again_gives_its_free_seat_to_the_line_first()
    {
        var slot = Loaded(Slot(capacity: 1));
        slot.Book(new Customer("b", "b@x.io", "B"), Now, Lines);
        Store(slot.JoinWaitlist(new Customer("w1", "w1@x.io", "W1"), Now, Lines), 1);
        slot.ChangeStatus(SlotStatus.Inactive, Now);
        slot.CancelBooking("b", Now, CancelledBy.Specialist, null);

        var response = await Update().Handle(new UpdateSlotCommand(slot.Id, null, null, SlotStatus.Active), default);

        Assert.Equal("w1", Assert.Single(slot.Bookings, b => b.IsLive).CustomerId);
        Assert.Equal(1, response.BookedCount);
        Assert.Equal([EventTypes.BookingCreated, EventTypes.SlotChanged], Events.ReceivedCalls().Select(c => (string)c.GetArguments()[0]!));
    }

    [Fact]
    public async Task A_status_the_slot_already_has_changes_nothing_and_fills_nothing()
    {
        var slot = Loaded(Slot(capacity: 1));
        slot.PlaceHold(new Customer("h", "h@x.io", "H"), Now.AddMinutes(-20), Lines, TimeSpan.FromMinutes(5));

        await Update().Handle(new UpdateSlotCommand(slot.Id, null, null, SlotStatus.Active), default);

        Assert.Equal(HoldStatus.Live, Assert.Single(slot.Holds).Status);
        Assert.Empty(Events.ReceivedCalls());
    }

    [Fact]
    public async Task A_series_takes_its_gap_zone_and_capacity_and_reads_the_schedule_across_its_whole_span()
    {
        var handler = new CreateSeriesHandler(Repository, Ann, Clock(), Events, _budget);

        var series = await handler.Handle(
            new CreateSeriesCommand("2030-01-21", "2030-01-22", ["monday", "tuesday"], [new SeriesWindow("09:00", "11:00")], 45, 15, 3, "America/New_York"),
            default);

        Assert.Equal(["01-21 09:00", "01-21 10:00", "01-22 09:00", "01-22 10:00"], series.Created.Select(s => $"{s.Date:MM-dd} {s.StartTime:HH\\:mm}"));
        Assert.All(series.Created, s => Assert.Equal((3, "America/New_York"), (s.TotalCapacity, s.Timezone)));
        Assert.Equal(new DateTime(2030, 1, 21, 14, 0, 0, DateTimeKind.Utc), series.Created[0].StartsAt);
        await Repository.Received(1).BusyTimesAsync(
            Arg.Any<Specialist>(), series.Created[0].StartsAt, series.Created[^1].EndsAt, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_series_whose_every_slot_is_skipped_reads_nothing_writes_no_event_and_lists_them_in_date_order()
    {
        // Saturday 02:00 in Berlin overlaps a slot already there; Sunday 02:00 does not exist (the clocks go forward).
        Repository.BusyTimesAsync(default!, default, default, default).ReturnsForAnyArgs(
            [new BusyTime(new DateTime(2030, 3, 30, 1, 0, 0, DateTimeKind.Utc), new DateTime(2030, 3, 30, 2, 0, 0, DateTimeKind.Utc))]);
        var handler = new CreateSeriesHandler(Repository, Ann, Clock(), Events, _budget);

        var series = await handler.Handle(
            new CreateSeriesCommand("2030-03-30", "2030-03-31", ["saturday", "sunday"], [new SeriesWindow("02:00", "03:00")], 60, Timezone: "Europe/Berlin"),
            default);

        Assert.Empty(series.Created);
        Assert.Equal(["03-30 slot_overlaps", "03-31 nonexistent_local_time"], series.Skipped.Select(s => $"{s.Date:MM-dd} {s.Reason}"));
        Assert.Empty(Events.ReceivedCalls());
        _budget.DidNotReceiveWithAnyArgs().Spend(default);
    }

    [Fact]
    public async Task A_series_slot_starting_this_very_moment_is_skipped_and_then_nothing_is_read()
    {
        var clock = Clock();
        clock.SetUtcNow(new DateTimeOffset(2030, 1, 16, 9, 0, 0, TimeSpan.Zero));

        var series = await new CreateSeriesHandler(Repository, Ann, clock, Events, _budget).Handle(
            new CreateSeriesCommand("2030-01-16", "2030-01-16", ["wednesday"], [new SeriesWindow("09:00", "10:00")], 60), default);

        Assert.Equal("start_not_in_future", Assert.Single(series.Skipped).Reason);
        await Repository.DidNotReceiveWithAnyArgs().BusyTimesAsync(default!, default, default, default);
    }

    [Fact]
    public async Task A_booking_with_a_hold_loads_it_and_names_it_in_its_event_and_one_without_says_it_came_from_no_line()
    {
        var slot = Loaded(Slot(capacity: 1));
        var hold = slot.PlaceHold(new Customer("cara", "cara@x.io", "Cara"), Now, Lines, TimeSpan.FromMinutes(5));
        var other = Loaded(Slot(capacity: 1, start: "14:00"));
        var book = new BookSlotHandler(Repository, Cara, Clock(), BookingLimits.Default, Events, Notifications, Promotion());

        await book.Handle(new BookSlotCommand(slot.Id, HoldId: hold.Id), default);
        await book.Handle(new BookSlotCommand(other.Id), default);

        await Repository.Received(1).LoadHoldAsync(slot, hold.Id, Arg.Any<CancellationToken>());
        var data = Events.ReceivedCalls().Select(c => Assert.IsType<BookingEventData>(c.GetArguments()[2])).ToList();
        Assert.Equal([(hold.Id, false), (null, false)], data.Select(d => (d.HoldId, d.FromWaitlist!.Value)));
        Assert.Equal(HoldStatus.Booked, hold.Status);
    }
}
