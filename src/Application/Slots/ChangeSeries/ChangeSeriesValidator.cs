using FluentValidation;
using Slots.Application.Slots.Policies;

namespace Slots.Application.Slots.ChangeSeries;

public sealed class ChangeSeriesValidator : AbstractValidator<ChangeSeriesCommand>
{
    public ChangeSeriesValidator()
    {
        RuleFor(c => c.Status).IsInEnum();
        RuleFor(c => c.Status).NotNull().When(c => c.Policy is null).WithMessage("Give the status, the policy, or both.");
        RuleFor(c => c.Policy).SetValidator(new PolicyInputValidator()!);
    }
}
