using FluentValidation;
using Slots.Application.Common;

namespace Slots.Application.Specialists.GetProfile;

public sealed class GetProfileValidator : AbstractValidator<GetProfileQuery>
{
    public GetProfileValidator() => RuleFor(q => q.SpecialistEmail).ValidEmail();
}
