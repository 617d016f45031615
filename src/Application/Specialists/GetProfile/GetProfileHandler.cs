using Mediator;
using Slots.Domain.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Specialists.GetProfile;

public sealed class GetProfileHandler(ISpecialistProfiles profiles) : IQueryHandler<GetProfileQuery, SpecialistProfile>
{
    public async ValueTask<SpecialistProfile> Handle(GetProfileQuery query, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Normalize(query.SpecialistEmail);
        return await profiles.FindAsync(email, cancellationToken) ?? throw SlotErrors.SpecialistNotFound(email);
    }
}
