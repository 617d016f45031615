namespace Slots.Application.Common.Waits;

/// <summary>A command that changes one existing slot, named by <see cref="SlotId"/>; see <see cref="SlotQueue"/>.</summary>
public interface ISlotCommand
{
    Guid SlotId { get; }
}
