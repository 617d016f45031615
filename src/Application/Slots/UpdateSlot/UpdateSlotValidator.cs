using FluentValidation;
using Slots.Application.Common;
using Slots.Application.Slots.Policies;

namespace Slots.Application.Slots.UpdateSlot;

public sealed class UpdateSlotValidator : AbstractValidator<UpdateSlotCommand>
{
    public UpdateSlotValidator()
    {
        RuleFor(c => c.ChangesDate).Equal(false).OverridePropertyName("date")
            .WithMessage("The date of a slot cannot be changed after creation; create a new slot instead.");
        RuleFor(c => c.ChangesCapacity).Equal(false).OverridePropertyName("totalCapacity")
            .WithMessage("The capacity of a slot cannot be changed after creation.");
        RuleFor(c => c.StartTime).LocalTime().When(c => c.StartTime is not null);
        RuleFor(c => c.EndTime).LocalTime().When(c => c.EndTime is not null);
        RuleFor(c => c.Status).IsInEnum();
        RuleFor(c => c.Policy).SetValidator(new PolicyInputValidator()!);
        RuleFor(c => c).Must(c => c.StartTime is not null || c.EndTime is not null || c.Status is not null || c.Policy is not null)
            .When(c => !c.ChangesDate && !c.ChangesCapacity)
            .OverridePropertyName("body")
            .WithMessage("Give at least one of startTime, endTime, status or policy.");
    }
}
