using Mediator;
using Slots.Application.Common.Waits;
using Slots.Application.Slots;

namespace Slots.Architecture.Tests;

/// <summary>A new command on an existing slot cannot skip the slot's queue.</summary>
public class SlotQueueTests
{
    [Fact]
    public void Every_command_that_names_a_slot_queues_for_it()
    {
        var commands = typeof(ISlotRepository).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBaseCommand).IsAssignableFrom(t))
            .Where(t => t.GetProperty(nameof(ISlotCommand.SlotId))?.PropertyType == typeof(Guid))
            .ToList();
        var unqueued = commands.Where(t => !typeof(ISlotCommand).IsAssignableFrom(t)).Select(t => t.Name);

        Assert.True(commands.Count >= 4, $"found only {commands.Count} commands on a slot");
        Assert.Empty(unqueued);
    }
}
