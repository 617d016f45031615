using FluentValidation;
using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.MoveBooking;

public sealed class MoveBookingValidator : AbstractValidator<MoveBookingCommand>
{
    public MoveBookingValidator()
    {
        RuleFor(c => c.CustomerId).ValidId();
        RuleFor(c => c.ToSlotId).NotEmpty();
        RuleFor(c => c.Reason).MaximumLength(SlotLimits.MaxReasonLength).PlainText();
    }
}
