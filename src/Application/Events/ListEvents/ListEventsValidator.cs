using FluentValidation;
using Slots.Application.Common;

namespace Slots.Application.Events.ListEvents;

public sealed class ListEventsValidator : AbstractValidator<ListEventsQuery>
{
    public ListEventsValidator()
    {
        RuleFor(q => q.After).Must(a => EventPosition.TryParse(a, out _))
            .WithMessage("'after' must be a position from the feed, such as 7341-2981.").When(q => q.After is not null);
        RuleFor(q => q.Limit).PageLimit();
    }
}
