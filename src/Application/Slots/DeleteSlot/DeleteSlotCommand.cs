using Mediator;

namespace Slots.Application.Slots.DeleteSlot;

public sealed record DeleteSlotCommand(Guid SlotId) : ICommand;
