using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Events;

namespace Slots.Application.Slots.DeleteSeries;

public sealed class DeleteSeriesHandler(ISlotRepository slots, ICurrentUser user, TimeProvider clock, IEventOutbox events)
    : ICommandHandler<DeleteSeriesCommand, SeriesDeleteResponse>
{
    public async ValueTask<SeriesDeleteResponse> Handle(DeleteSeriesCommand command, CancellationToken cancellationToken)
    {
        var deleted = new List<Guid>();
        var kept = new List<SlotResponse>();
        foreach (var slot in await SeriesAccess.FutureSlotsAsync(slots, user, clock, command.SeriesId, cancellationToken))
        {
            if (slot.HasLiveBookings)
            {
                kept.Add(slot.ToResponse());
                continue;
            }

            slots.Remove(slot);
            events.Add(EventTypes.SlotDeleted, slot.Id, SlotEventData.Of(slot));
            deleted.Add(slot.Id);
        }

        return new SeriesDeleteResponse(command.SeriesId, deleted, kept);
    }
}
