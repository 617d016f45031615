using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Events;

namespace Slots.Application.Slots.ChangeSeries;

public sealed class ChangeSeriesHandler(ISlotRepository slots, ICurrentUser user, TimeProvider clock, IEventOutbox events, IBulkWriteBudget budget)
    : ICommandHandler<ChangeSeriesCommand, SeriesChangeResponse>
{
    public async ValueTask<SeriesChangeResponse> Handle(ChangeSeriesCommand command, CancellationToken cancellationToken)
    {
        var policy = command.Policy?.ToOverride();
        var now = clock.GetUtcNow();
        var changed = new List<Guid>();
        var future = new List<SlotResponse>();
        string? email = null;
        foreach (var slot in await SeriesAccess.FutureSlotsAsync(slots, user, clock, command.SeriesId, cancellationToken))
        {
            email = slot.SpecialistEmail;
            var version = slot.Version;
            if (command.Status is { } status)
            {
                slot.ChangeStatus(status, now);
            }

            if (policy is not null)
            {
                slot.ChangePolicy(policy, now);
            }

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
            events.Add(EventTypes.SeriesChanged, command.SeriesId, new SeriesEventData(command.SeriesId, changed, command.Status, policy, email));
        }

        return new SeriesChangeResponse(command.SeriesId, changed.Count, future);
    }
}
