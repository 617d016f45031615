using FluentValidation;
using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.JoinWaitlist;

public sealed class JoinWaitlistValidator : AbstractValidator<JoinWaitlistCommand>
{
    public JoinWaitlistValidator()
    {
        RuleFor(c => c.CustomerId).ValidId().When(c => c.CustomerId is not null);
        RuleFor(c => c.CustomerEmail).ValidEmail().When(c => c.CustomerEmail is not null);
        RuleFor(c => c.CustomerName).NotEmpty().MaximumLength(SlotLimits.MaxNameLength)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("'Customer Name' must not be blank.")
            .PlainText()
            .When(c => c.CustomerName is not null);
        RuleFor(c => c.Timezone).ZoneText().When(c => c.Timezone is not null);
    }
}
