using FluentValidation;
using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.CreateSlot;

public sealed class CreateSlotValidator : AbstractValidator<CreateSlotCommand>
{
    /// <summary>How far ahead a slot may be published.</summary>
    public const int MaxDaysAhead = 730;

    public CreateSlotValidator(TimeProvider clock)
    {
        RuleFor(c => c.SpecialistEmail).ValidEmail().When(c => c.SpecialistEmail is not null);
        RuleFor(c => c.SpecialistId).MaximumLength(Rules.MaxIdLength).SingleLine();
        RuleFor(c => c.ServiceId).MaximumLength(Rules.MaxIdLength).SingleLine();
        RuleFor(c => c.Date).NotEmpty().LocalDate();
        RuleFor(c => c.Date)
            .Must(d => LocalFormats.ParseDate(d!) <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(MaxDaysAhead))
            .When(c => LocalFormats.IsDate(c.Date))
            .WithMessage($"'Date' must be within {MaxDaysAhead} days from today.");
        RuleFor(c => c.StartTime).NotEmpty().LocalTime();
        RuleFor(c => c.EndTime).NotEmpty().LocalTime();
        RuleFor(c => c.TotalCapacity).InclusiveBetween(SlotErrors.MinCapacity, SlotErrors.MaxCapacity);
        RuleFor(c => c.Timezone).NotEmpty().MaximumLength(64).SingleLine().When(c => c.Timezone is not null);
    }
}
