using FluentValidation;
using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.CancelBooking;

public sealed class CancelBookingValidator : AbstractValidator<CancelBookingCommand>
{
    public CancelBookingValidator()
    {
        RuleFor(c => c.CustomerId).ValidId();
        RuleFor(c => c.Reason).MaximumLength(SlotLimits.MaxReasonLength).PlainText();
    }
}
