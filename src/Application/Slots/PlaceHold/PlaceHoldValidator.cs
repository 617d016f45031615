using FluentValidation;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.PlaceHold;

/// <summary>The customer is named as for a booking; a hold lives 1 to <see cref="SlotLimits.MaxHoldMinutes"/> minutes.</summary>
public sealed class PlaceHoldValidator : AbstractValidator<PlaceHoldCommand>
{
    public PlaceHoldValidator()
    {
        Include(new CustomerFieldsValidator());
        RuleFor(c => c.Minutes).InclusiveBetween(1, SlotLimits.MaxHoldMinutes).When(c => c.Minutes is not null);
    }
}
