using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.ExpireHolds;

/// <summary>
/// Ends one slot's holds past their time, in a transaction of its own under the slot's row lock, and gives the seats they
/// kept to its waitlist (<see cref="WaitlistPromotion"/>): what the hold sweep does for each slot it finds. Not a request
/// anyone sends; only the sweep runs it.
/// </summary>
public sealed class HoldExpiry(ISlotRepository slots, IUnitOfWork unitOfWork, TimeProvider clock, WaitlistPromotion waitlist)
{
    /// <summary>How many holds of <paramref name="slotId"/> it ended (none when the slot is gone or a command ended them first).</summary>
    public Task<int> ExpireAsync(Guid slotId, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(
            async ct =>
            {
                var slot = await slots.GetForUpdateAsync(slotId, SlotLoad.SlotOnly, ct);
                if (slot is null)
                {
                    return 0;
                }

                var before = slot.HeldCount;
                await waitlist.FillAsync(slot, clock.GetUtcNow(), ct);
                return before - slot.HeldCount;
            },
            cancellationToken);
}
