using FluentValidation;
using Slots.Application.Slots;

namespace Slots.Application.Slots.BookSlot;

public sealed class BookSlotValidator : AbstractValidator<BookSlotCommand>
{
    public BookSlotValidator() => Include(new CustomerFieldsValidator());
}
