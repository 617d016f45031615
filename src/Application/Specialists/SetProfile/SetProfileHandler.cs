using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Slots;
using Slots.Domain.Common;
using Slots.Domain.Slots;

namespace Slots.Application.Specialists.SetProfile;

/// <summary>
/// A specialist sets their own profile under the same rules as publishing (<see cref="Slots.Policies.SetPolicy.SetPolicyHandler"/>):
/// a verified email, claimed as their handle when nobody holds it yet, refused when another account does. A display name
/// left out is the sign-in name.
/// </summary>
public sealed class SetProfileHandler(ISlotRepository slots, ISpecialistProfiles profiles, ICurrentUser user)
    : ICommandHandler<SetProfileCommand, SpecialistProfile>
{
    public async ValueTask<SpecialistProfile> Handle(SetProfileCommand command, CancellationToken cancellationToken)
    {
        var actor = user.Require();
        var email = EmailAddress.Normalize(command.SpecialistEmail);
        var input = command.Profile;
        var name = (input.DisplayName ?? (actor.IsAdmin ? null : actor.Name))?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw new ValidationException([new ValidationFailure(
                "displayName", "'displayName' is needed: the sign-in gave no name to take instead.")]);
        }

        var profile = new SpecialistProfile(
            email, name, Paragraphs(input.Introduction),
            input.Timezone is null ? null : SlotTime.IanaZone(input.Timezone),
            [.. (input.Services ?? []).Select(s => s with
            {
                Title = s.Title.Trim(),
                Description = string.IsNullOrWhiteSpace(s.Description) ? null : s.Description.Trim(),
            })]);
        await slots.EnsureWritesUnderOwnHandleAsync(actor, email, cancellationToken);
        return await profiles.SaveAsync(profile, cancellationToken) ? profile : throw SlotErrors.SpecialistNotFound(email);
    }

    /// <summary>Line breaks as <c>\n</c>, the ends trimmed; blank is none.</summary>
    private static string? Paragraphs(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.ReplaceLineEndings("\n").Trim();
}
