using Mediator;
using Slots.Domain.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.Policies.GetPolicy;

public sealed class GetPolicyHandler(ISpecialistPolicies policies) : IQueryHandler<GetPolicyQuery, BookingPolicy>
{
    public async ValueTask<BookingPolicy> Handle(GetPolicyQuery query, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Normalize(query.SpecialistEmail);
        return await policies.FindAsync(email, cancellationToken) ?? throw SlotErrors.SpecialistNotFound(email);
    }
}
