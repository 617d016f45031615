using FluentValidation;
using Slots.Application.Common;

namespace Slots.Application.Specialists.FindSpecialists;

public sealed class FindSpecialistsValidator : AbstractValidator<FindSpecialistsQuery>
{
    public FindSpecialistsValidator()
    {
        RuleFor(q => q.ServiceId).ValidId().When(q => q.ServiceId is not null);
        RuleFor(q => q.Q).MaximumLength(ProfileLimits.MaxSearchLength).PlainText();
        RuleFor(q => q.Limit).InclusiveBetween(1, FindSpecialistsQuery.MaxLimit);
        RuleFor(q => q.Cursor).Must(c => c is null || DirectoryCursor.TryDecode(c, out _))
            .WithMessage("'{PropertyName}' is not a valid cursor.");
    }
}
