using FluentValidation;
using Slots.Application.Common;

namespace Slots.Application.Slots.Policies.SetPolicy;

public sealed class SetPolicyValidator : AbstractValidator<SetPolicyCommand>
{
    public SetPolicyValidator()
    {
        RuleFor(c => c.SpecialistEmail).ValidEmail();
        RuleFor(c => c).ValidBody(c => c.Policy, new PolicyInputValidator());
    }
}
