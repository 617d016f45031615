using Mediator;

namespace Slots.Application.Webhooks.DeleteWebhook;

public sealed class DeleteWebhookHandler(IWebhookStore webhooks) : ICommandHandler<DeleteWebhookCommand>
{
    public async ValueTask<Unit> Handle(DeleteWebhookCommand command, CancellationToken cancellationToken) =>
        await webhooks.DeleteAsync(command.WebhookId, cancellationToken) ? Unit.Value : throw WebhookErrors.NotFound(command.WebhookId);
}
