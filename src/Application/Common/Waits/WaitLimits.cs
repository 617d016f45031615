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
/// <param name="BookingGroupSize">
/// How many bookings of one slot, waiting together, one transaction may make (<see cref="Slots.BookSlot.BookingGroups"/>); one
/// makes every booking alone; at most <see cref="MaxBookingGroupSize"/>.
/// </param>
public sealed record WaitLimits(TimeSpan RequestBudget, int SlotQueueLength, int BookingGroupSize = 16)
{
    /// <summary>The largest booking group one transaction makes.</summary>
    public const int MaxBookingGroupSize = 64;

    public static WaitLimits Default { get; } = new(TimeSpan.FromSeconds(2), 256);

    private readonly int _bookingGroupSize = Checked(BookingGroupSize);

    public int BookingGroupSize { get => _bookingGroupSize; init => _bookingGroupSize = Checked(value); }

    private static int Checked(int size) => size is >= 1 and <= MaxBookingGroupSize
        ? size
        : throw new ArgumentOutOfRangeException(nameof(BookingGroupSize), size, $"A booking group is 1 to {MaxBookingGroupSize} bookings.");
}
