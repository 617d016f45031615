using FluentValidation;
using Slots.Application.Common;

namespace Slots.Application.Slots.BookSlot;

public sealed class BookSlotValidator : AbstractValidator<BookSlotCommand>
{
    public BookSlotValidator()
    {
        RuleFor(c => c.CustomerId).ValidId();
        RuleFor(c => c.CustomerEmail).ValidEmail();
        RuleFor(c => c.CustomerName).NotEmpty().MaximumLength(Rules.MaxNameLength)
            .Must(n => n is null || !string.IsNullOrWhiteSpace(n)).WithMessage("'Customer Name' must not be blank.");
    }
}
