using Mediator;
using Slots.Application.Common.Security;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.JoinWaitlist;

/// <summary>
/// Joins a slot's waitlist: the slot's row lock first (joins to one slot queue, so the line's order is the order of
/// joining), then the customer's, under which their waiting entries are counted against their limit.
/// </summary>
public sealed class JoinWaitlistHandler(ISlotRepository slots, ICurrentUser user, TimeProvider clock, WaitlistPromotion waitlist)
    : ICommandHandler<JoinWaitlistCommand, WaitlistEntryResponse>
{
    public async ValueTask<WaitlistEntryResponse> Handle(JoinWaitlistCommand command, CancellationToken cancellationToken)
    {
        var customer = user.Require().CustomerFor(command);
        var now = clock.GetUtcNow();
        var (slot, waiting, policy) = await slots.GetForWaitlistAsync(command.SlotId, customer.Id, now.UtcDateTime, cancellationToken);
        if (slot is null)
        {
            throw SlotErrors.NotFound(command.SlotId);
        }

        // Seats lapsed holds kept go to those already waiting; then the slot's rules (a slot with a free seat says so), then
        // the customer's limit.
        await waitlist.FillAsync(slot, now, cancellationToken);
        slot.EnsureJoinable(customer, now, policy);
        if (waiting >= SlotLimits.MaxWaitingPerCustomer)
        {
            throw SlotErrors.WaitlistLimitReached();
        }

        var entry = slot.JoinWaitlist(customer, now, policy);
        // Appended: everyone waiting before is ahead.
        return entry.ToResponse(position: slot.WaitingCount);
    }
}
