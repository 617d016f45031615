using FluentValidation;

namespace Slots.Application.Slots.ListCancelledBookings;

public sealed class ListCancelledBookingsValidator : AbstractValidator<ListCancelledBookingsQuery>
{
    public ListCancelledBookingsValidator() =>
        RuleFor(q => q.Limit).InclusiveBetween(1, ListCancelledBookingsQuery.MaxLimit);
}
