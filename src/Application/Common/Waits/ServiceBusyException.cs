namespace Slots.Application.Common.Waits;

/// <summary>
/// The service cannot answer this request now, through no fault of the request: a wait would outlast its bound.
/// The API answers 503 with <c>Retry-After</c>. <see cref="Code"/> is stable: <c>slot_busy</c> (the slot's queue
/// is full, or another process holds its lock too long), <c>time_budget_exceeded</c>, <c>database_timeout</c>.
/// </summary>
public sealed class ServiceBusyException(string code, string message, TimeSpan retryAfter, Exception? inner = null)
    : Exception(message, inner)
{
    public string Code { get; } = code;

    public TimeSpan RetryAfter { get; } = retryAfter;

    /// <summary>The slot's queue is full, or its row lock is held longer than a request may wait.</summary>
    public static ServiceBusyException SlotBusy(Exception? inner = null) =>
        new("slot_busy", "The slot is busy with other requests; try again shortly.", TimeSpan.FromSeconds(1), inner);
}
