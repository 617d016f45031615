using FluentValidation;
using Slots.Application.Common;

namespace Slots.Application.Slots.ListAvailableSlots;

public sealed class ListAvailableSlotsValidator : AbstractValidator<ListAvailableSlotsQuery>
{
    public const int MaxRangeDays = 366;

    public ListAvailableSlotsValidator()
    {
        RuleFor(q => q.SpecialistEmail).ValidEmail();
        RuleFor(q => q.StartDate).LocalDate().When(q => q.StartDate is not null);
        RuleFor(q => q.EndDate).LocalDate().When(q => q.EndDate is not null);
        RuleFor(q => q.EndDate)
            .Must((q, end) => LocalFormats.ParseDate(end!) >= LocalFormats.ParseDate(q.StartDate!))
            .WithMessage("'endDate' must not be before 'startDate'.")
            .Must((q, end) => LocalFormats.ParseDate(end!).DayNumber - LocalFormats.ParseDate(q.StartDate!).DayNumber <= MaxRangeDays)
            .WithMessage($"The date range may span at most {MaxRangeDays} days.")
            .When(q => LocalFormats.IsDate(q.StartDate) && LocalFormats.IsDate(q.EndDate));
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).PageCursor();
    }
}
