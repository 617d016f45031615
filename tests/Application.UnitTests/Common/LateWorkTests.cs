using Mediator;
using Slots.Application.Common.Waits;
using Slots.Application.Slots.CancelBooking;

namespace Slots.Application.UnitTests.Common;

/// <summary>
/// <see cref="LateWork"/>: a request waits for its database work until a little after its budget ran out, then answers
/// without it and keeps it until it ends; the work's own cancellation runs on a thread of its own.
/// </summary>
public sealed class LateWorkTests
{
    [Fact]
    public async Task Work_that_ends_within_the_budget_is_answered_and_nothing_is_left()
    {
        var late = new LateWork();
        using var budget = new CancellationTokenSource();

        var result = await late.WithinAsync(_ => Task.FromResult(42), budget.Token);

        Assert.Equal(42, result);
        Assert.False(late.Any);
        Assert.True(late.AllDoneAsync().IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Work_that_outlasts_the_budget_and_its_grace_is_left_running_and_waited_for_afterwards()
    {
        var late = new LateWork();
        using var budget = new CancellationTokenSource();
        var stuck = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var answer = late.WithinAsync(_ => stuck.Task, budget.Token);
        Assert.False(answer.IsCompleted);
        await budget.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => answer);
        Assert.True(late.Any);
        var done = late.AllDoneAsync();
        Assert.False(done.IsCompleted);

        // It fails in the end, as work cut off by a partition does; waiting for it does not.
        stuck.SetException(new TimeoutException("the network came back too late"));
        await done;
    }

    [Fact]
    public async Task The_works_token_is_cancelled_with_the_budget_on_a_thread_of_its_own()
    {
        var late = new LateWork();
        using var budget = new CancellationTokenSource();
        var cancelledOn = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stuck = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var answer = late.WithinAsync(
            ct =>
            {
                ct.Register(() => cancelledOn.TrySetResult(Thread.CurrentThread.Name));
                return stuck.Task;
            },
            budget.Token);
        await budget.CancelAsync();

        Assert.Equal("late-work-cancel", await cancelledOn.Task);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => answer);
        stuck.SetResult(0);
        await late.AllDoneAsync();
    }

    [Fact]
    public async Task A_failure_of_the_work_within_the_budget_is_the_requests()
    {
        var late = new LateWork();
        using var budget = new CancellationTokenSource();

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => late.WithinAsync<int>(_ => throw new InvalidOperationException("refused"), budget.Token));
        Assert.False(late.Any);
    }

    [Fact]
    public async Task The_budget_answers_busy_while_work_that_ignores_it_goes_on()
    {
        var late = new LateWork();
        var behavior = new TimeBudgetBehavior<CancelBookingCommand, CancellationDone>(
            new TimeBudget(WaitLimits.Default with { RequestBudget = TimeSpan.FromMilliseconds(100) }), late);
        var stuck = new TaskCompletionSource<CancellationDone>(TaskCreationOptions.RunContinuationsAsynchronously);

        var ex = await Assert.ThrowsAsync<ServiceBusyException>(() => behavior.Handle(
            new CancelBookingCommand(Guid.NewGuid(), "c1"), (_, _) => new ValueTask<CancellationDone>(stuck.Task), default).AsTask())
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("time_budget_exceeded", ex.Code);
        Assert.True(late.Any);
        stuck.SetResult(new CancellationDone());
        await late.AllDoneAsync();
    }
}
