using Mediator;
using Slots.Application.Common;
using Slots.Application.Common.Security;
using Slots.Application.Events;
using Slots.Application.Notifications;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.UpdateSlot;

public sealed class UpdateSlotHandler(
    ISlotRepository slots, ICurrentUser user, TimeProvider clock, IEventOutbox events, INotificationOutbox notifications,
    WaitlistPromotion waitlist)
    : ICommandHandler<UpdateSlotCommand, SlotResponse>
{
    public async ValueTask<SlotResponse> Handle(UpdateSlotCommand command, CancellationToken cancellationToken)
    {
        var slot = await slots.GetForUpdateAsync(command.SlotId, SlotLoad.AllLiveBookings, cancellationToken)
            ?? throw SlotErrors.NotFound(command.SlotId);
        user.Require().EnsureManages(slot).EnsureVersion(command.IfMatch);
        var (version, before) = (slot.Version, new SlotEventData.Times(slot.StartsAt, slot.EndsAt));
        var now = clock.GetUtcNow();

        if (command.StartTime is not null || command.EndTime is not null)
        {
            // Slot row first, then the schedule (a create takes only the schedule): no two commands
            // ever wait for these locks in opposite orders.
            await slots.LockScheduleAsync(slot.SpecialistEmail, cancellationToken);
            slot.ChangeTimes(
                command.StartTime is null ? null : LocalFormats.ParseTime(command.StartTime),
                command.EndTime is null ? null : LocalFormats.ParseTime(command.EndTime),
                now);
        }

        if (command.Status is { } status)
        {
            slot.ChangeStatus(status, now);
        }

        if (command.Policy is { } policy)
        {
            slot.ChangePolicy(policy.ToOverride(), now);
        }

        if (slot.Version != version)
        {
            // Opened again, or its policy or times let it be booked again: free seats go to the line first.
            await waitlist.FillAsync(slot, now, cancellationToken);
        }

        var response = slot.ToResponse();
        if (slot.Version != version)
        {
            // A change that changed nothing (the status it already had) is no event.
            var moved = before != new SlotEventData.Times(slot.StartsAt, slot.EndsAt);
            events.Add(EventTypes.SlotChanged, slot.Id, SlotEventData.Of(slot, moved ? before : null));
            if (moved)
            {
                notifications.Moved(slot, now);
            }
        }

        return response;
    }
}
