using Mediator;

namespace Slots.Application.Webhooks.RetryDelivery;

public sealed class RetryDeliveryHandler(IWebhookStore webhooks) : ICommandHandler<RetryDeliveryCommand, WebhookDeliveryResponse>
{
    public async ValueTask<WebhookDeliveryResponse> Handle(RetryDeliveryCommand command, CancellationToken cancellationToken)
    {
        var (outcome, delivery) = await webhooks.RetryAsync(command.WebhookId, command.DeliveryId, cancellationToken);
        return outcome switch
        {
            RetryOutcome.Scheduled => delivery!,
            RetryOutcome.InFlight => throw WebhookErrors.InFlight(command.DeliveryId),
            RetryOutcome.Disabled => throw WebhookErrors.Disabled(command.WebhookId),
            _ when !await webhooks.ExistsAsync(command.WebhookId, cancellationToken) => throw WebhookErrors.NotFound(command.WebhookId),
            _ => throw WebhookErrors.DeliveryNotFound(command.DeliveryId),
        };
    }
}
