using FluentValidation;
using Slots.Application.Common;
using Slots.Application.Slots.Policies;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.CreateSeries;

public sealed class CreateSeriesValidator : AbstractValidator<CreateSeriesCommand>
{
    /// <summary>The names <c>weekdays</c> takes, as the API writes its other enums.</summary>
    public static readonly IReadOnlyDictionary<string, DayOfWeek> DayNames =
        Enum.GetValues<DayOfWeek>().ToDictionary(d => d.ToString().ToLowerInvariant(), d => d, StringComparer.Ordinal);

    public CreateSeriesValidator(TimeProvider clock)
    {
        RuleFor(c => c.SpecialistEmail).ValidEmail().When(c => c.SpecialistEmail is not null);
        RuleFor(c => c.SpecialistId).ValidId().When(c => c.SpecialistId is not null);
        RuleFor(c => c.ServiceId).ValidId().When(c => c.ServiceId is not null);
        RuleFor(c => c.Policy).SetValidator(new PolicyInputValidator()!);
        RuleFor(c => c.From).NotEmpty().LocalDate();
        RuleFor(c => c.To).NotEmpty().LocalDate();
        RuleFor(c => c.To).WithinHorizon(clock).When(c => Rules.IsSupportedDate(c.To));
        RuleFor(c => c.Weekdays).Cascade(CascadeMode.Stop).NotEmpty().Must(d => d.Count <= 7 && d.Distinct().Count() == d.Count)
            .WithMessage("'Weekdays' lists each day at most once.");
        RuleForEach(c => c.Weekdays).Must(d => d is not null && DayNames.ContainsKey(d))
            .WithMessage("'{PropertyValue}' is not a day: use monday, tuesday, wednesday, thursday, friday, saturday or sunday.");
        RuleFor(c => c.Windows).Cascade(CascadeMode.Stop).NotEmpty().Must(w => w.Count <= WeeklyPattern.MaxWindows)
            .WithMessage($"'Windows' has at most {WeeklyPattern.MaxWindows} entries.");
        RuleForEach(c => c.Windows).NotNull().ChildRules(window =>
        {
            window.RuleFor(w => w.StartTime).NotEmpty().LocalTime();
            window.RuleFor(w => w.EndTime).NotEmpty().LocalTime();
        });
        RuleFor(c => c.SlotMinutes).NotNull().InclusiveBetween(1, (24 * 60) - 1);
        RuleFor(c => c.GapMinutes).InclusiveBetween(0, (24 * 60) - 1);
        RuleFor(c => c.TotalCapacity).InclusiveBetween(SlotLimits.MinCapacity, SlotLimits.MaxCapacity);
        RuleFor(c => c.Timezone).ZoneText().When(c => c.Timezone is not null);
    }
}
