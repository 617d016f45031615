using FluentValidation;
using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.ListSpecialistSlots;

public sealed class ListSpecialistSlotsValidator : AbstractValidator<ListSpecialistSlotsQuery>
{
    /// <summary>The statuses by their names on the wire.</summary>
    public static readonly IReadOnlyDictionary<string, SlotStatus> Statuses = WireNames<SlotStatus>.ByName;

    public ListSpecialistSlotsValidator()
    {
        RuleFor(q => q.SpecialistEmail).ValidEmail();
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).PageCursor();
        RuleFor(q => q.ServiceId).ValidId().When(q => q.ServiceId is not null);
        RuleFor(q => q.When).Must(w => w is null or ListSpecialistSlotsQuery.Upcoming or ListSpecialistSlotsQuery.Past)
            .WithMessage($"'when' must be {ListSpecialistSlotsQuery.Upcoming} or {ListSpecialistSlotsQuery.Past}.");
        RuleFor(q => q.Status).Must(s => s is null || Statuses.ContainsKey(s))
            .WithMessage($"'status' must be one of {string.Join(", ", Statuses.Keys)}.");
    }
}
