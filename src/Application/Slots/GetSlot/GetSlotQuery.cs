using Mediator;

namespace Slots.Application.Slots.GetSlot;

public sealed record GetSlotQuery(Guid SlotId) : IQuery<SlotResponse>;
