using FluentValidation;

namespace Slots.Application.Slots.JoinWaitlist;

/// <summary>The customer is named as for a booking.</summary>
public sealed class JoinWaitlistValidator : AbstractValidator<JoinWaitlistCommand>
{
    public JoinWaitlistValidator() => Include(new CustomerFieldsValidator());
}
