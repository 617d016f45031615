using FluentValidation;
using Slots.Application.Common;

namespace Slots.Application.Slots.ListMyBookings;

public sealed class ListMyBookingsValidator : AbstractValidator<ListMyBookingsQuery>
{
    public ListMyBookingsValidator()
    {
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).PageCursor();
        RuleFor(q => q.When).Must(w => w is null or ListMyBookingsQuery.Upcoming or ListMyBookingsQuery.Past)
            .WithMessage($"'when' must be {ListMyBookingsQuery.Upcoming} or {ListMyBookingsQuery.Past}.");
    }
}
