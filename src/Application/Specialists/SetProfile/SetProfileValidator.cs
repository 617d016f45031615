using FluentValidation;
using Slots.Application.Common;

namespace Slots.Application.Specialists.SetProfile;

public sealed class SetProfileValidator : AbstractValidator<SetProfileCommand>
{
    public SetProfileValidator()
    {
        RuleFor(c => c.SpecialistEmail).ValidEmail();
        RuleFor(c => c).ValidBody(c => c.Profile, new ProfileInputValidator());
    }
}

/// <summary>Every part within its limit (<see cref="ProfileLimits"/>), one line each but the introduction; the services' ids unique.</summary>
public sealed class ProfileInputValidator : AbstractValidator<ProfileInput>
{
    public ProfileInputValidator()
    {
        RuleFor(p => p.DisplayName).NotEmpty().MaximumLength(ProfileLimits.MaxDisplayNameLength).PlainText()
            .When(p => p.DisplayName is not null);
        RuleFor(p => p.Introduction).MaximumLength(ProfileLimits.MaxIntroductionLength).Paragraphs();
        RuleFor(p => p.Timezone).ZoneText().When(p => p.Timezone is not null);
        RuleFor(p => p.Services).Must(s => s!.Count <= ProfileLimits.MaxServices)
            .WithMessage($"A profile may list at most {ProfileLimits.MaxServices} services.")
            .Must(s => s!.Select(o => o?.Id).Distinct(StringComparer.Ordinal).Count() == s!.Count)
            .WithMessage("Each service needs an id of its own.")
            .When(p => p.Services is not null);
        RuleForEach(p => p.Services).NotNull().SetValidator(new ServiceOfferValidator());
    }
}

public sealed class ServiceOfferValidator : AbstractValidator<ServiceOffer>
{
    public ServiceOfferValidator()
    {
        RuleFor(s => s.Id).ValidId();
        RuleFor(s => s.Title).NotEmpty().MaximumLength(ProfileLimits.MaxServiceTitleLength).PlainText();
        RuleFor(s => s.DurationMinutes).InclusiveBetween(ProfileLimits.MinServiceMinutes, ProfileLimits.MaxServiceMinutes);
        RuleFor(s => s.Description).MaximumLength(ProfileLimits.MaxServiceDescriptionLength).PlainText();
    }
}
