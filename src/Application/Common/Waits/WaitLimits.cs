namespace Slots.Application.Common.Waits;

/// <summary>
/// The bounds on every wait a request may do: its whole time budget (queue, locks, retries, queries), and how
/// many commands may wait in one slot's <see cref="SlotQueue"/> before more are turned away.
/// </summary>
/// <param name="RequestBudget">
/// How long a request may take in all, shared by its place in the slot queue, its retries and its statements;
/// past it the request answers 503 <c>time_budget_exceeded</c>. Two seconds keeps every answer within the three
/// the service promises, even while the database cannot be reached.
/// </param>
/// <param name="SlotQueueLength">
/// How many commands may wait for one slot in one process (besides the ones in flight); more answer 503
/// <c>slot_busy</c> at once. Each waits without a connection, but a queue longer than a budget's worth of
/// commands only makes the ones at its end time out.
/// </param>
public sealed record WaitLimits(TimeSpan RequestBudget, int SlotQueueLength)
{
    public static WaitLimits Default { get; } = new(TimeSpan.FromSeconds(2), 256);
}
