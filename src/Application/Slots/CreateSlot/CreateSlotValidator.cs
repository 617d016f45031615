using FluentValidation;
using Slots.Application.Common;
using Slots.Application.Slots.Policies;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.CreateSlot;

public sealed class CreateSlotValidator : AbstractValidator<CreateSlotCommand>
{
    public CreateSlotValidator(TimeProvider clock)
    {
        RuleFor(c => c.SpecialistEmail).ValidEmail().When(c => c.SpecialistEmail is not null);
        RuleFor(c => c.SpecialistId).ValidId().When(c => c.SpecialistId is not null);
        RuleFor(c => c.ServiceId).ValidId().When(c => c.ServiceId is not null);
        RuleFor(c => c.Policy).SetValidator(new PolicyInputValidator()!);
        RuleFor(c => c.Date).NotEmpty().LocalDate();
        RuleFor(c => c.Date).WithinHorizon(clock).When(c => Rules.IsSupportedDate(c.Date));
        RuleFor(c => c.StartTime).NotEmpty().LocalTime();
        RuleFor(c => c.EndTime).NotEmpty().LocalTime();
        RuleFor(c => c.TotalCapacity).InclusiveBetween(SlotLimits.MinCapacity, SlotLimits.MaxCapacity);
        RuleFor(c => c.Timezone).ZoneText().When(c => c.Timezone is not null);
    }
}
