using Mediator;
using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.CreateSlot;

/// <summary>
/// Creates a slot. Overlap with the specialist's other slots is decided by the database's exclusion
/// constraint at commit, which answers <c>slot_overlaps</c>; checking first would still race.
/// </summary>
public sealed class CreateSlotHandler(ISlotRepository slots, TimeProvider clock)
    : ICommandHandler<CreateSlotCommand, SlotResponse>
{
    public ValueTask<SlotResponse> Handle(CreateSlotCommand command, CancellationToken cancellationToken)
    {
        var time = SlotTime.Create(
            LocalFormats.ParseDate(command.Date),
            LocalFormats.ParseTime(command.StartTime),
            LocalFormats.ParseTime(command.EndTime),
            command.Timezone ?? "UTC");
        var slot = Slot.Create(
            command.SpecialistEmail,
            command.SpecialistId,
            command.ServiceId,
            time,
            command.TotalCapacity ?? 1,
            clock.GetUtcNow());
        slots.Add(slot);
        return ValueTask.FromResult(slot.ToResponse());
    }
}
