using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Specialists;
using Slots.Domain.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.Policies.SetPolicy;

/// <summary>
/// A specialist sets their own policy under the same rules as publishing: a verified email, claimed as their handle
/// under the schedule lock when nobody holds it yet, refused when another account does.
/// </summary>
public sealed class SetPolicyHandler(ISlotRepository slots, ISpecialistPolicies policies, ICurrentUser user)
    : ICommandHandler<SetPolicyCommand, BookingPolicy>
{
    public async ValueTask<BookingPolicy> Handle(SetPolicyCommand command, CancellationToken cancellationToken)
    {
        var actor = user.Require();
        var email = EmailAddress.Normalize(command.SpecialistEmail);
        var policy = command.Policy.ToPolicy();
        await slots.EnsureWritesUnderOwnHandleAsync(actor, email, cancellationToken);
        return await policies.SaveAsync(email, policy, cancellationToken) ? policy : throw SlotErrors.SpecialistNotFound(email);
    }
}
