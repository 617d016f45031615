using FluentValidation;
using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.CreateSlot;

public sealed class CreateSlotValidator : AbstractValidator<CreateSlotCommand>
{
    public CreateSlotValidator(TimeProvider clock)
    {
        RuleFor(c => c.SpecialistEmail).ValidEmail().When(c => c.SpecialistEmail is not null);
        RuleFor(c => c.SpecialistId).ValidId().When(c => c.SpecialistId is not null);
        RuleFor(c => c.ServiceId).ValidId().When(c => c.ServiceId is not null);
        RuleFor(c => c.Date).NotEmpty().LocalDate();
        RuleFor(c => c.Date)
            .Must(d => LocalFormats.ParseDate(d!) <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(SlotLimits.MaxDaysAhead))
            .When(c => Rules.IsSupportedDate(c.Date))
            .WithMessage($"'Date' must be within {SlotLimits.MaxDaysAhead} days from today.");
        RuleFor(c => c.StartTime).NotEmpty().LocalTime();
        RuleFor(c => c.EndTime).NotEmpty().LocalTime();
        RuleFor(c => c.TotalCapacity).InclusiveBetween(SlotLimits.MinCapacity, SlotLimits.MaxCapacity);
        RuleFor(c => c.Timezone).NotEmpty().MaximumLength(SlotLimits.MaxTimezoneLength).PlainText().When(c => c.Timezone is not null);
    }
}
