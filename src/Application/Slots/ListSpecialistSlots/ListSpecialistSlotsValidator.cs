using FluentValidation;
using Slots.Application.Common;

namespace Slots.Application.Slots.ListSpecialistSlots;

public sealed class ListSpecialistSlotsValidator : AbstractValidator<ListSpecialistSlotsQuery>
{
    public ListSpecialistSlotsValidator()
    {
        RuleFor(q => q.SpecialistEmail).ValidEmail();
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).PageCursor();
        RuleFor(q => q.ServiceId).ValidId().When(q => q.ServiceId is not null);
    }
}
