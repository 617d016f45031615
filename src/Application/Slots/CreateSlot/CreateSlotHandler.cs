using Mediator;
using Slots.Application.Common;
using Slots.Application.Common.Security;
using Slots.Application.Events;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.CreateSlot;

/// <summary>
/// Creates a slot. Overlap with the specialist's other slots is decided by the database's exclusion
/// constraint, which answers <c>slot_overlaps</c>; a check here first would still race. The schedule
/// lock makes concurrent creates for one specialist queue for that constraint instead of deadlocking in it; under it,
/// the specialist's email is claimed as their public handle, or refused as another account's.
/// </summary>
public sealed class CreateSlotHandler(ISlotRepository slots, ICurrentUser user, TimeProvider clock, IEventOutbox events)
    : ICommandHandler<CreateSlotCommand, SlotResponse>
{
    public async ValueTask<SlotResponse> Handle(CreateSlotCommand command, CancellationToken cancellationToken)
    {
        var specialist = user.Require().SpecialistFor(command.SpecialistEmail, command.SpecialistId);
        var time = SlotTime.Create(
            LocalFormats.ParseDate(command.Date),
            LocalFormats.ParseTime(command.StartTime),
            LocalFormats.ParseTime(command.EndTime),
            command.Timezone ?? "UTC");
        var slot = Slot.Create(
            specialist,
            command.ServiceId,
            time,
            command.TotalCapacity ?? 1,
            clock.GetUtcNow(),
            policy: command.Policy?.ToOverride());
        await slots.LockScheduleAsync(slot.SpecialistEmail, cancellationToken);
        if (!await slots.HoldsHandleAsync(specialist with { Email = slot.SpecialistEmail }, claim: true, cancellationToken))
        {
            throw SlotErrors.HandleTaken(slot.SpecialistEmail);
        }

        slots.Add(slot);
        var response = slot.ToResponse();
        events.Add(EventTypes.SlotCreated, slot.Id, SlotEventData.Of(slot));
        return response;
    }
}
