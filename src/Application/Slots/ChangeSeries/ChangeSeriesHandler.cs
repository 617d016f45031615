using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Events;

namespace Slots.Application.Slots.ChangeSeries;

public sealed class ChangeSeriesHandler(ISlotRepository slots, ICurrentUser user, TimeProvider clock, IEventOutbox events, IBulkWriteBudget budget)
    : ICommandHandler<ChangeSeriesCommand, SeriesChangeResponse>
{
    public async ValueTask<SeriesChangeResponse> Handle(ChangeSeriesCommand command, CancellationToken cancellationToken)
    {
        var status = command.Status ?? throw new ArgumentException("A series change names its status (validated).", nameof(command));
        var now = clock.GetUtcNow();
        var changed = new List<Guid>();
        var future = new List<SlotResponse>();
        foreach (var slot in await SeriesAccess.FutureSlotsAsync(slots, user, clock, command.SeriesId, cancellationToken))
        {
            var version = slot.Version;
            slot.ChangeStatus(status, now);

            var response = slot.ToResponse();
            future.Add(response);
            if (slot.Version != version)
            {
                changed.Add(slot.Id);
            }
        }

        if (changed.Count > 0)
        {
            budget.Spend(changed.Count);
            events.Add(EventTypes.SeriesChanged, command.SeriesId, new SeriesEventData(command.SeriesId, changed, status));
        }

        return new SeriesChangeResponse(command.SeriesId, changed.Count, future);
    }
}
