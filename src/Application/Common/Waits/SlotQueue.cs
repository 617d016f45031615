namespace Slots.Application.Common.Waits;

/// <summary>
/// Lines up this process's commands on one slot, first come first served, and lets
/// <see cref="CommandsInFlightPerSlot"/> of them at a time go on to the database.
/// </summary>
/// <remarks>
/// The row lock in PostgreSQL is what keeps a slot consistent, across any number of API processes; this queue
/// only decides the order in which one process's commands reach it. Without it, every command on a busy slot
/// opens a transaction and waits on the row lock; each commit wakes all the waiters to fight for the row, so
/// the lock changes hands slowly and in no particular order, and some bookings wait far longer than others.
/// With it, the database sees one command holding the lock and one waiting for it, and the rest wait here in
/// arrival order without holding a connection. The line is capped (<see cref="WaitLimits.SlotQueueLength"/>): a
/// command that finds it full is turned away at once (<see cref="ServiceBusyException.SlotBusy"/>), and every wait
/// ends with the request's budget, whose token it is given.
/// </remarks>
public sealed class SlotQueue
{
    /// <summary>One command holding the slot's row lock, the next already waiting for it in the database.</summary>
    public const int CommandsInFlightPerSlot = 2;

    private readonly Dictionary<Guid, Line> _lines = [];
    private readonly WaitLimits _limits;

    /// <summary>Commands in line on every slot, in flight or waiting (a metric).</summary>
    private int _depth;

    public SlotQueue(WaitLimits limits)
    {
        _limits = limits;
        SlotsMetrics.ObserveQueueDepth(() => Volatile.Read(ref _depth));
    }

    /// <summary>Waits for the slot's turn; dispose the turn once the command's transaction has ended.</summary>
    public async ValueTask<Turn> EnterAsync(Guid slotId, CancellationToken cancellationToken)
    {
        Line line;
        lock (_lines)
        {
            if (!_lines.TryGetValue(slotId, out line!))
            {
                line = new Line();
                _lines.Add(slotId, line);
            }
            else if (line.Users >= CommandsInFlightPerSlot + _limits.SlotQueueLength)
            {
                throw ServiceBusyException.SlotBusy();
            }

            line.Users++;
            _depth++;
        }

        try
        {
            // SemaphoreSlim hands a released place to the longest-waiting caller.
            await line.Places.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(slotId, line);
            throw;
        }

        return new Turn(this, slotId, line);
    }

    private void Leave(Guid slotId, Line line)
    {
        lock (_lines)
        {
            _depth--;
            if (--line.Users == 0)
            {
                _lines.Remove(slotId);
            }
        }
    }

    /// <summary>A command's place among those in flight on a slot.</summary>
    public readonly struct Turn : IDisposable
    {
        private readonly SlotQueue _queue;
        private readonly Guid _slotId;
        private readonly Line _line;

        internal Turn(SlotQueue queue, Guid slotId, Line line) => (_queue, _slotId, _line) = (queue, slotId, line);

        public void Dispose()
        {
            _line.Places.Release();
            _queue.Leave(_slotId, _line);
        }
    }

    internal sealed class Line
    {
        public SemaphoreSlim Places { get; } = new(CommandsInFlightPerSlot, CommandsInFlightPerSlot);

        public int Users { get; set; }
    }
}
