using System.Threading.Channels;
using Mediator;
using Slots.Application.Common.Waits;
using Slots.Application.Slots.CancelBooking;
using Slots.Tests.Shared;

namespace Slots.Application.UnitTests.Common;

public class SlotQueueTests
{
    private readonly SlotQueue _queue = new(WaitLimits.Default);

    [Fact]
    public async Task A_full_line_turns_the_next_command_away_at_once_and_takes_it_again_once_there_is_room()
    {
        var queue = new SlotQueue(WaitLimits.Default with { SlotQueueLength = 3 });
        var slot = Guid.NewGuid();
        var inFlight = new[] { await queue.EnterAsync(slot, default), await queue.EnterAsync(slot, default) };
        var waiting = Enumerable.Range(0, 3).Select(_ => queue.EnterAsync(slot, default).AsTask()).ToList();

        var turnedAway = queue.EnterAsync(slot, default).AsTask();
        Assert.True(turnedAway.IsFaulted);
        Assert.Equal("slot_busy", (await Assert.ThrowsAsync<ServiceBusyException>(() => turnedAway)).Code);
        Assert.All(waiting, w => Assert.False(w.IsCompleted));

        inFlight[0].Dispose();
        var moved = await waiting[0].WaitAsync(TimeSpan.FromSeconds(5));
        var again = queue.EnterAsync(slot, default).AsTask();
        Assert.False(again.IsCompleted);

        moved.Dispose();
        inFlight[1].Dispose();
        (await waiting[1].WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        (await waiting[2].WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        (await again.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();

        Assert.Equal(0, queue.SlotsInUse());
    }

    [Fact]
    public async Task A_wait_ends_with_the_requests_budget()
    {
        var slot = Guid.NewGuid();
        using var first = await _queue.EnterAsync(slot, default);
        using var second = await _queue.EnterAsync(slot, default);
        var behavior = new TimeBudgetBehavior<CancelBookingCommand, CancellationDone>(
            new TimeBudget(WaitLimits.Default with { RequestBudget = TimeSpan.FromMilliseconds(100) }), new LateWork());
        var queued = new SlotQueueBehavior<CancelBookingCommand, CancellationDone>(_queue);

        var ex = await Assert.ThrowsAsync<ServiceBusyException>(() => behavior.Handle(
            new CancelBookingCommand(slot, "c1"),
            (message, ct) => queued.Handle(message, (_, _) => ValueTask.FromResult(new CancellationDone()), ct),
            default).AsTask()).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("time_budget_exceeded", ex.Code);
        Assert.Equal(1, _queue.SlotsInUse());
    }

    [Fact]
    public async Task Two_commands_on_a_slot_go_on_and_the_third_waits_for_one_to_end()
    {
        var slot = Guid.NewGuid();
        var first = await _queue.EnterAsync(slot, default);
        var second = await _queue.EnterAsync(slot, default);

        var third = _queue.EnterAsync(slot, default).AsTask();
        await Task.Delay(50);
        Assert.False(third.IsCompleted);

        first.Dispose();
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        second.Dispose();
        Assert.Equal(0, _queue.SlotsInUse());
    }

    [Fact]
    public async Task Waiting_commands_go_on_in_the_order_they_came()
    {
        var slot = Guid.NewGuid();
        var places = new Queue<SlotQueue.Turn>([await _queue.EnterAsync(slot, default), await _queue.EnterAsync(slot, default)]);
        var entered = Channel.CreateUnbounded<(int Index, SlotQueue.Turn Turn)>();
        var waiting = Enumerable.Range(0, 20)
            .Select(async i => await entered.Writer.WriteAsync((i, await _queue.EnterAsync(slot, default))))
            .ToList();

        // Free one place at a time: the command that takes it must be the longest-waiting one.
        for (var expected = 0; expected < 20; expected++)
        {
            places.Dequeue().Dispose();
            var next = await entered.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(expected, next.Index);
            places.Enqueue(next.Turn);
        }

        await Task.WhenAll(waiting);
        while (places.Count > 0)
        {
            places.Dequeue().Dispose();
        }

        Assert.Equal(0, _queue.SlotsInUse());
    }

    [Fact]
    public async Task Commands_on_other_slots_do_not_wait()
    {
        var busy = Guid.NewGuid();
        using var first = await _queue.EnterAsync(busy, default);
        using var second = await _queue.EnterAsync(busy, default);

        var other = _queue.EnterAsync(Guid.NewGuid(), default).AsTask();

        Assert.True(other.IsCompletedSuccessfully);
        (await other).Dispose();
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_the_line()
    {
        var slot = Guid.NewGuid();
        var first = await _queue.EnterAsync(slot, default);
        var second = await _queue.EnterAsync(slot, default);
        using var cancel = new CancellationTokenSource();

        var waiting = _queue.EnterAsync(slot, cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        first.Dispose();
        second.Dispose();
        Assert.Equal(0, _queue.SlotsInUse());
    }

    [Fact]
    public async Task The_behavior_holds_the_slots_place_while_the_command_runs()
    {
        var slot = Guid.NewGuid();
        var behavior = new SlotQueueBehavior<CancelBookingCommand, CancellationDone>(_queue);
        var inUseDuringCommand = 0;

        await behavior.Handle(
            new CancelBookingCommand(slot, "c1"),
            (_, _) => { inUseDuringCommand = _queue.SlotsInUse(); return ValueTask.FromResult(new CancellationDone()); },
            default);

        Assert.Equal(1, inUseDuringCommand);
        Assert.Equal(0, _queue.SlotsInUse());
    }
}
