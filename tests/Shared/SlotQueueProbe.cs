using System.Collections;
using System.Reflection;
using Slots.Application.Common.Waits;

namespace Slots.Tests.Shared;

/// <summary>
/// What only the tests ask of a <see cref="SlotQueue"/>: how many slots it keeps a line for. A line must go with its last
/// command, or the queue would grow with every slot ever booked; production has no use for the number, so it is read here.
/// </summary>
public static class SlotQueueProbe
{
    private static readonly FieldInfo Lines =
        typeof(SlotQueue).GetField("_lines", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("SlotQueue keeps its lines elsewhere now; update the probe.");

    public static int SlotsInUse(this SlotQueue queue)
    {
        var lines = (ICollection)Lines.GetValue(queue)!;
        lock (lines)
        {
            return lines.Count;
        }
    }
}
