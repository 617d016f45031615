using Mediator;

namespace Slots.Application.Webhooks.RotateSecret;

public sealed class RotateSecretHandler(IWebhookStore webhooks) : ICommandHandler<RotateSecretCommand, RotatedSecretResponse>
{
    public async ValueTask<RotatedSecretResponse> Handle(RotateSecretCommand command, CancellationToken cancellationToken)
    {
        var secret = WebhookSecret.New();
        var keep = TimeSpan.FromMinutes(command.KeepPreviousMinutes ?? RotateSecretValidator.DefaultKeepPreviousMinutes);
        var (found, previousUntil) = await webhooks.RotateSecretAsync(command.WebhookId, secret, keep, cancellationToken);
        return found ? new RotatedSecretResponse(command.WebhookId, secret, previousUntil) : throw WebhookErrors.NotFound(command.WebhookId);
    }
}
