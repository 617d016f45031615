using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Slots.Application.Common.Security;
using Slots.Application.Events;
using Slots.Application.Slots;
using Slots.Application.Slots.ChangeSeries;
using Slots.Application.Slots.CreateSeries;
using Slots.Application.Slots.DeleteSeries;
using Slots.Domain.Common;
using Slots.Domain.Slots;
using static Slots.Application.UnitTests.TestData;

namespace Slots.Application.UnitTests.Handlers;

public class SeriesHandlerTests
{
    private readonly ISlotRepository _repository = Substitute.For<ISlotRepository>();
    private readonly IEventOutbox _events = Substitute.For<IEventOutbox>();
    private readonly IBulkWriteBudget _budget = Substitute.For<IBulkWriteBudget>();

    public SeriesHandlerTests() =>
        _repository.HoldsHandleAsync(default!, default, default).ReturnsForAnyArgs(true);

    private static CreateSeriesCommand Pattern(string from = "2030-01-14", string to = "2030-01-20", int slotMinutes = 60) =>
        new(from, to, ["monday", "wednesday"], [new SeriesWindow("09:00", "11:00")], slotMinutes);

    [Fact]
    public async Task A_series_locks_the_schedule_reads_it_once_and_adds_every_slot_with_one_event()
    {
        _repository.BusyTimesAsync(Arg.Is<Specialist>(s => s.Email == "ann@example.com"), Arg.Any<DateTime>(), Arg.Any<DateTime>(), Arg.Any<CancellationToken>())
            .Returns([new BusyTime(new DateTime(2030, 1, 16, 10, 30, 0, DateTimeKind.Utc), new DateTime(2030, 1, 16, 11, 30, 0, DateTimeKind.Utc))]);
        var handler = new CreateSeriesHandler(_repository, Ann, Clock(), _events, _budget);

        var series = await handler.Handle(Pattern(), default);

        // Monday 14th is in the past of the clock (the 15th); Wednesday 16th at 10:00 overlaps the busy time.
        Assert.NotNull(series.SeriesId);
        Assert.Equal(["2030-01-16 09:00"], series.Created.Select(s => $"{s.Date:yyyy-MM-dd} {s.StartTime:HH\\:mm}"));
        Assert.Equal(
            ["2030-01-14 09:00 start_not_in_future", "2030-01-14 10:00 start_not_in_future", "2030-01-16 10:00 slot_overlaps"],
            series.Skipped.Select(s => $"{s.Date:yyyy-MM-dd} {s.StartTime:HH\\:mm} {s.Reason}"));
        Received.InOrder(() =>
        {
            _repository.LockScheduleAsync("ann@example.com", Arg.Any<CancellationToken>());
            _repository.HoldsHandleAsync(Arg.Is<Specialist>(s => s.Email == "ann@example.com"), true, Arg.Any<CancellationToken>());
            _repository.BusyTimesAsync(Arg.Is<Specialist>(s => s.Email == "ann@example.com"), Arg.Any<DateTime>(), Arg.Any<DateTime>(), Arg.Any<CancellationToken>());
            _repository.Add(Arg.Is<Slot>(s => s.SeriesId == series.SeriesId));
        });
        // One event for the series, naming its slots; none per slot.
        _events.Received(1).Add(EventTypes.SeriesCreated, series.SeriesId!.Value, Arg.Is<SeriesEventData>(
            d => d.SeriesId == series.SeriesId && d.SlotIds.SequenceEqual(new[] { series.Created[0].Id }) && d.Status == null));
        _events.ReceivedWithAnyArgs(1).Add(default!, default, default!);
        _budget.Received(1).Spend(1); // the rate limit's budget, by the slots written
    }

    [Fact]
    public async Task A_dry_run_takes_no_lock_adds_nothing_and_has_no_series_id()
    {
        _repository.BusyTimesAsync(default!, default, default, default).ReturnsForAnyArgs([]);
        var handler = new CreateSeriesHandler(_repository, Ann, Clock(), _events, _budget);

        var series = await handler.Handle(Pattern(from: "2030-01-20", to: "2030-02-02") with { DryRun = true }, default);

        Assert.Null(series.SeriesId);
        Assert.Equal(8, series.Created.Count);
        Assert.All(series.Created, s => Assert.Null(s.SeriesId));
        await _repository.DidNotReceiveWithAnyArgs().LockScheduleAsync(default!, default);
        await _repository.Received(1).HoldsHandleAsync(Arg.Any<Specialist>(), false, Arg.Any<CancellationToken>()); // asked, not claimed
        _repository.DidNotReceiveWithAnyArgs().Add(default!);
        _events.DidNotReceiveWithAnyArgs().Add(default!, default, default!);
        _budget.DidNotReceiveWithAnyArgs().Spend(default);
    }

    [Fact]
    public async Task A_pattern_over_the_cap_is_refused_before_anything_is_read()
    {
        var handler = new CreateSeriesHandler(_repository, Ann, Clock(), _events, _budget);

        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            handler.Handle(Pattern(from: "2030-01-20", to: "2031-12-31", slotMinutes: 5), default).AsTask());

        Assert.Equal("series_too_large", refusal.Code);
        await _repository.DidNotReceiveWithAnyArgs().BusyTimesAsync(default!, default, default, default);
    }

    [Fact]
    public async Task Changing_a_series_touches_only_its_future_slots_and_reports_those_that_moved()
    {
        // Made on the 15th; changed on the 17th, when the first has started.
        var past = Slot(date: "2030-01-16");
        var future = Slot(date: "2030-01-20");
        var closed = Slot(date: "2030-01-21");
        closed.ChangeStatus(SlotStatus.Inactive, Now);
        var seriesId = Guid.NewGuid();
        _repository.GetSeriesForUpdateAsync(seriesId, Arg.Any<CancellationToken>()).Returns([past, future, closed]);
        var handler = new ChangeSeriesHandler(_repository, Ann, new FakeTimeProvider(Now.AddDays(2)), _events, _budget);

        var result = await handler.Handle(new ChangeSeriesCommand(seriesId, SlotStatus.Inactive), default);

        Assert.Equal(1, result.Changed);
        Assert.Equal([future.Id, closed.Id], result.Slots.Select(s => s.Id));
        Assert.Equal(SlotStatus.Active, past.Status);
        Assert.Equal(SlotStatus.Inactive, future.Status);
        _events.Received(1).Add(EventTypes.SeriesChanged, seriesId, Arg.Is<SeriesEventData>(
            d => d.SeriesId == seriesId && d.SlotIds.SequenceEqual(new[] { future.Id }) && d.Status == SlotStatus.Inactive));
        _events.ReceivedWithAnyArgs(1).Add(default!, default, default!);
        _budget.Received(1).Spend(1);
    }

    [Fact]
    public async Task Deleting_a_series_keeps_booked_and_past_slots()
    {
        var past = Slot(date: "2030-01-16");
        var free = Slot(date: "2030-01-20");
        var booked = Slot(date: "2030-01-21");
        booked.Book(new Customer("c1", "c1@example.com", "Cee"), Now, BookingPolicy.Default);
        var seriesId = Guid.NewGuid();
        _repository.GetSeriesForUpdateAsync(seriesId, Arg.Any<CancellationToken>()).Returns([past, free, booked]);
        var handler = new DeleteSeriesHandler(_repository, Ann, new FakeTimeProvider(Now.AddDays(2)), _events, _budget);

        var result = await handler.Handle(new DeleteSeriesCommand(seriesId), default);

        Assert.Equal([free.Id], result.Deleted);
        Assert.Equal([booked.Id], result.Kept.Select(s => s.Id));
        _repository.Received(1).Remove(free);
        _repository.DidNotReceive().Remove(past);
        _events.Received(1).Add(EventTypes.SeriesDeleted, seriesId, Arg.Is<SeriesEventData>(
            d => d.SeriesId == seriesId && d.SlotIds.SequenceEqual(new[] { free.Id }) && d.Status == null));
        _events.ReceivedWithAnyArgs(1).Add(default!, default, default!);
        _budget.Received(1).Spend(1);
    }

    [Fact]
    public async Task A_series_of_another_specialist_reads_as_missing()
    {
        var seriesId = Guid.NewGuid();
        _repository.GetSeriesForUpdateAsync(seriesId, Arg.Any<CancellationToken>()).Returns([Slot(date: "2030-01-20", owner: "spec-bob")]);
        var handler = new DeleteSeriesHandler(_repository, Ann, Clock(), _events, _budget);

        var refusal = await Assert.ThrowsAsync<DomainException>(() => handler.Handle(new DeleteSeriesCommand(seriesId), default).AsTask());

        Assert.Equal("series_not_found", refusal.Code);
        _repository.DidNotReceiveWithAnyArgs().Remove(default!);
    }
}
