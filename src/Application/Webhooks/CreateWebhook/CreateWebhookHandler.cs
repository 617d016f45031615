using Mediator;

namespace Slots.Application.Webhooks.CreateWebhook;

/// <summary>Stores the subscription; its target was checked before the transaction (<see cref="CreateWebhookTargetCheck"/>).</summary>
public sealed class CreateWebhookHandler(IWebhookStore webhooks, TimeProvider clock)
    : ICommandHandler<CreateWebhookCommand, CreatedWebhookResponse>
{
    public ValueTask<CreatedWebhookResponse> Handle(CreateWebhookCommand command, CancellationToken cancellationToken)
    {
        var url = new Uri(command.Url!, UriKind.Absolute);
        var now = clock.GetUtcNow();
        var secret = WebhookSecret.New();
        var types = command.Types?.Order(StringComparer.Ordinal).ToList();
        var webhook = new NewWebhook(Guid.CreateVersion7(now), url, types, command.Description, secret, now.UtcDateTime);
        webhooks.Add(webhook);
        return ValueTask.FromResult(new CreatedWebhookResponse(
            webhook.Id, url.AbsoluteUri, types, command.Description, webhook.CreatedAt,
            new WebhookHealth(WebhookHealthStatus.Healthy, 0, 0, 0, null, null), secret));
    }
}
