using FluentValidation;
using Slots.Application.Slots.UpdateSlot;

namespace Slots.Application.Slots.ChangeSeries;

public sealed class ChangeSeriesValidator : AbstractValidator<ChangeSeriesCommand>
{
    public ChangeSeriesValidator() =>
        RuleFor(c => c.Status).NotEmpty().Must(s => UpdateSlotValidator.Statuses.Contains(s))
            .WithMessage("'Status' must be 'active' or 'inactive'.");
}
