using System.Security.Cryptography;
using Mediator;

namespace Slots.Application.Webhooks.CreateWebhook;

public sealed class CreateWebhookHandler(IWebhookStore webhooks, IWebhookTargets targets, TimeProvider clock)
    : ICommandHandler<CreateWebhookCommand, CreatedWebhookResponse>
{
    /// <summary>Standard Webhooks secrets are base64 after this prefix.</summary>
    public const string SecretPrefix = "whsec_";

    public async ValueTask<CreatedWebhookResponse> Handle(CreateWebhookCommand command, CancellationToken cancellationToken)
    {
        var url = new Uri(command.Url!, UriKind.Absolute);
        if (await targets.RefusalAsync(url, cancellationToken) is { } refusal)
        {
            throw WebhookErrors.TargetRefused(refusal);
        }

        var now = clock.GetUtcNow();
        var secret = SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var types = command.Types?.Order(StringComparer.Ordinal).ToList();
        var webhook = new NewWebhook(Guid.CreateVersion7(now), url, types, command.Description, secret, now.UtcDateTime);
        webhooks.Add(webhook);
        return new CreatedWebhookResponse(
            webhook.Id, url.AbsoluteUri, types, command.Description, webhook.CreatedAt,
            new WebhookHealth(WebhookHealthStatus.Healthy, 0, 0, 0, null, null), secret);
    }
}
