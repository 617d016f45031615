using FluentValidation;

namespace Slots.Application.Webhooks.RotateSecret;

public sealed class RotateSecretValidator : AbstractValidator<RotateSecretCommand>
{
    /// <summary>A day: long enough for a receiver's deployment to take the new secret.</summary>
    public const int DefaultKeepPreviousMinutes = 24 * 60;

    /// <summary>A week at most: a secret being replaced should not sign for long.</summary>
    public const int MaxKeepPreviousMinutes = 7 * 24 * 60;

    public RotateSecretValidator() =>
        RuleFor(c => c.KeepPreviousMinutes).InclusiveBetween(0, MaxKeepPreviousMinutes)
            .WithMessage($"'keepPreviousMinutes' must be a whole number of minutes from 0 to {MaxKeepPreviousMinutes} (a week).");
}
