using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Events;

namespace Slots.Application.Slots.DeleteSeries;

public sealed class DeleteSeriesHandler(ISlotRepository slots, ICurrentUser user, TimeProvider clock, IEventOutbox events, IBulkWriteBudget budget)
    : ICommandHandler<DeleteSeriesCommand, SeriesDeleteResponse>
{
    public async ValueTask<SeriesDeleteResponse> Handle(DeleteSeriesCommand command, CancellationToken cancellationToken)
    {
        var deleted = new List<Guid>();
        var kept = new List<SlotResponse>();
        string? email = null;
        foreach (var slot in await SeriesAccess.FutureSlotsAsync(slots, user, clock, command.SeriesId, cancellationToken))
        {
            email = slot.SpecialistEmail;
            if (slot.HasLiveBookings)
            {
                kept.Add(slot.ToResponse());
                continue;
            }

            slots.Remove(slot);
            deleted.Add(slot.Id);
        }

        if (deleted.Count > 0)
        {
            budget.Spend(deleted.Count);
            events.Add(EventTypes.SeriesDeleted, command.SeriesId, new SeriesEventData(command.SeriesId, deleted, SpecialistEmail: email));
        }

        return new SeriesDeleteResponse(command.SeriesId, deleted, kept);
    }
}
