namespace Slots.Application.Common.Waits;

/// <summary>
/// Work a request stopped waiting for, one request's worth (scoped): the rest of its pipeline (<see cref="TimeBudgetBehavior{TMessage, TResponse}"/>).
/// The request's budget bounds every wait, but it cannot make the database driver return: behind a network partition
/// Npgsql cancels a statement in flight by first sending PostgreSQL's cancel request over a new connection, and waits for
/// that connection, up to its connect timeout, before it gives the statement up (measured: 12 s with a 5 s connect
/// timeout). So <see cref="WithinAsync{T}"/> waits for the work until <see cref="Grace"/> after the budget ran out and then
/// leaves it running: the request answers 503 <c>time_budget_exceeded</c> at once, and the work goes on to its end here.
/// Nothing of the request touches its <c>DbContext</c> again; the API holds the request's scope (and with it that context,
/// which goes back to the pool) until <see cref="AllDoneAsync"/>, after the answer went out. A booking that commits late
/// is there for a retry with the same <c>Idempotency-Key</c>, which replays it.
/// </summary>
public sealed class LateWork
{
    /// <summary>How long past the budget a request waits for its database work before it answers without it.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(250);

    private readonly List<Task> _left = [];

    /// <summary>Whether this request left work running (its answer then closes the connection: the scope is still busy).</summary>
    public bool Any
    {
        get
        {
            lock (_left)
            {
                return _left.Count > 0;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> with a token cancelled when <paramref name="budget"/> is; waits for it at most
    /// <see cref="Grace"/> after that, then throws <see cref="OperationCanceledException"/> and keeps it in <see cref="AllDoneAsync"/>.
    /// </summary>
    /// <remarks>
    /// The work's token is cancelled on a thread of its own: Npgsql's cancel request runs inside that cancellation,
    /// synchronously, and on a pool thread it would hold the thread (and the timer that fired the budget) for the connect
    /// timeout while every other request waits for threads.
    /// </remarks>
    public async Task<T> WithinAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken budget)
    {
        var inner = new CancellationTokenSource();
        var budgetRanOut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<T> running;
        using (budget.Register(() =>
        {
            budgetRanOut.TrySetResult();
            new Thread(() => Cancel(inner)) { IsBackground = true, Name = "late-work-cancel" }.Start();
        }))
        {
            running = work(inner.Token);
            // The system's clock, as the budget's own (Polly's): a test's fake clock, which stands still, would hold the answer.
            if (await Task.WhenAny(running, budgetRanOut.Task) != running
                && await Task.WhenAny(running, Task.Delay(Grace, TimeProvider.System)) != running)
            {
                lock (_left)
                {
                    _left.Add(running.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default));
                }

                throw new OperationCanceledException("The database work outlasted the request's budget; it goes on without the request.", budget);
            }
        }

        if (!budget.IsCancellationRequested)
        {
            inner.Dispose();
        }

        return await running;
    }

    /// <summary>
    /// Cancels the work's token. A callback that throws (Npgsql's do not: a cancel request that fails is logged and the
    /// connection broken) must not take the process down from a thread of its own; the work fails its own way.
    /// </summary>
    private static void Cancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (AggregateException)
        {
            // Each callback's failure reaches the work it belongs to.
        }
    }

    /// <summary>Waits for every piece of work this request left running (none fails here: each ends as it may).</summary>
    public Task AllDoneAsync()
    {
        lock (_left)
        {
            return Task.WhenAll(_left);
        }
    }
}
