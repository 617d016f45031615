using FluentValidation;
using Slots.Application.Common;

namespace Slots.Application.Slots.ListMyBookings;

public sealed class ListMyBookingsValidator : AbstractValidator<ListMyBookingsQuery>
{
    public ListMyBookingsValidator()
    {
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).PageCursor();
    }
}
