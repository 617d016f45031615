using FluentValidation;
using Slots.Application.Common;

namespace Slots.Application.Slots.Policies.GetPolicy;

public sealed class GetPolicyValidator : AbstractValidator<GetPolicyQuery>
{
    public GetPolicyValidator() => RuleFor(q => q.SpecialistEmail).ValidEmail();
}
