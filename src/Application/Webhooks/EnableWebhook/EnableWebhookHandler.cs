using Mediator;

namespace Slots.Application.Webhooks.EnableWebhook;

public sealed class EnableWebhookHandler(IWebhookStore webhooks) : ICommandHandler<EnableWebhookCommand>
{
    public async ValueTask<Unit> Handle(EnableWebhookCommand command, CancellationToken cancellationToken) =>
        await webhooks.EnableAsync(command.WebhookId, cancellationToken) ? Unit.Value : throw WebhookErrors.NotFound(command.WebhookId);
}
