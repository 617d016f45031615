using FluentValidation;

namespace Slots.Application.Slots.ChangeSeries;

public sealed class ChangeSeriesValidator : AbstractValidator<ChangeSeriesCommand>
{
    public ChangeSeriesValidator() => RuleFor(c => c.Status).NotNull().IsInEnum();
}
