using FluentValidation;
using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.ListAvailableSlots;

public sealed class ListAvailableSlotsValidator : AbstractValidator<ListAvailableSlotsQuery>
{
    public ListAvailableSlotsValidator(TimeProvider clock)
    {
        RuleFor(q => q.SpecialistEmail).ValidEmail();
        RuleFor(q => q.StartDate).LocalDate().When(q => q.StartDate is not null);
        RuleFor(q => q.EndDate).LocalDate().When(q => q.EndDate is not null);
        // The range with its defaults filled in, so a start date alone, or an end date alone, is bounded too.
        RuleFor(q => q.EndDate)
            .Must((q, _) => Range(q, clock) is var (from, to) && to >= from)
            .WithMessage("'endDate' must not be before 'startDate' (default: today).")
            .Must((q, _) => Range(q, clock) is var (from, to) && to.DayNumber - from.DayNumber <= ListAvailableSlotsQuery.MaxRangeDays)
            .WithMessage($"The date range may span at most {ListAvailableSlotsQuery.MaxRangeDays} days.")
            .Must((q, _) => SlotLimits.IsSupported(Range(q, clock).To))
            .WithMessage($"'startDate' must leave room for the default {ListAvailableSlotsQuery.DefaultRangeDays}-day range; give 'endDate'.")
            .When(q => (q.StartDate is null || Rules.IsSupportedDate(q.StartDate)) && (q.EndDate is null || Rules.IsSupportedDate(q.EndDate)));
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).PageCursor();
        RuleFor(q => q.ServiceId).ValidId().When(q => q.ServiceId is not null);
    }

    private static (DateOnly From, DateOnly To) Range(ListAvailableSlotsQuery query, TimeProvider clock) =>
        query.Range(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
}
