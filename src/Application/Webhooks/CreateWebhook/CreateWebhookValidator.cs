using FluentValidation;
using Slots.Application.Common;
using Slots.Application.Events;

namespace Slots.Application.Webhooks.CreateWebhook;

public sealed class CreateWebhookValidator : AbstractValidator<CreateWebhookCommand>
{
    public const int MaxUrlLength = 2048;
    public const int MaxDescriptionLength = 500;

    public CreateWebhookValidator()
    {
        RuleFor(c => c.Url).NotEmpty().MaximumLength(MaxUrlLength).PlainText()
            .Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                && string.IsNullOrEmpty(uri.UserInfo) && string.IsNullOrEmpty(uri.Fragment))
            .WithMessage("'url' must be an absolute http(s) URL without credentials or a fragment.");
        RuleFor(c => c.Types).Must(t => t is null || t.Count > 0).WithMessage("'types' must name at least one type, or be left out for all.")
            .Must(t => t is null || t.Distinct(StringComparer.Ordinal).Count() == t.Count).WithMessage("'types' must not name a type twice.");
        RuleForEach(c => c.Types).Must(t => EventTypes.All.Contains(t))
            .WithMessage($"'types' may only name {string.Join(", ", EventTypes.All)}.");
        RuleFor(c => c.Description).MaximumLength(MaxDescriptionLength).PlainText();
    }
}
