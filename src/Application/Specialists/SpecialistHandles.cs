using Slots.Application.Common.Security;
using Slots.Application.Slots;
using Slots.Domain.Slots;

namespace Slots.Application.Specialists;

/// <summary>What a specialist's own settings (policy, profile) ask before they are saved under their handle.</summary>
public static class SpecialistHandles
{
    /// <summary>
    /// A specialist writes under their own email, verified, which becomes their handle as a first slot makes it (under the
    /// schedule lock); 409 <c>handle_taken</c> when another account holds it. An admin writes for any handle that exists.
    /// </summary>
    public static async Task EnsureWritesUnderOwnHandleAsync(
        this ISlotRepository slots, Actor actor, string email, CancellationToken cancellationToken)
    {
        if (actor.IsAdmin)
        {
            return;
        }

        var specialist = actor.SpecialistFor(email, null);
        await slots.LockScheduleAsync(email, cancellationToken);
        if (!await slots.HoldsHandleAsync(specialist, claim: true, cancellationToken))
        {
            throw SlotErrors.HandleTaken(email);
        }
    }
}
