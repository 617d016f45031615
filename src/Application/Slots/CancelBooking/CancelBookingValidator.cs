using FluentValidation;
using Slots.Application.Common;

namespace Slots.Application.Slots.CancelBooking;

public sealed class CancelBookingValidator : AbstractValidator<CancelBookingCommand>
{
    public CancelBookingValidator() => RuleFor(c => c.CustomerId).ValidId();
}
