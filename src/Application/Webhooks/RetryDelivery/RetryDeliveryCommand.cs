using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Common.Webhooks;

namespace Slots.Application.Webhooks.RetryDelivery;

/// <summary>Sends a delivery again now: a replay of one given up or already delivered, or a pending one sooner.</summary>
public sealed record RetryDeliveryCommand(Guid WebhookId, Guid DeliveryId) : ICommand<WebhookDeliveryResponse>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.AdminsOnly;
}

public sealed class RetryDeliveryHandler(IWebhookStore webhooks) : ICommandHandler<RetryDeliveryCommand, WebhookDeliveryResponse>
{
    public async ValueTask<WebhookDeliveryResponse> Handle(RetryDeliveryCommand command, CancellationToken cancellationToken)
    {
        var (outcome, delivery) = await webhooks.RetryAsync(command.WebhookId, command.DeliveryId, cancellationToken);
        return outcome switch
        {
            RetryOutcome.Scheduled => delivery!,
            RetryOutcome.InFlight => throw WebhookErrors.InFlight(command.DeliveryId),
            _ when !await webhooks.ExistsAsync(command.WebhookId, cancellationToken) => throw WebhookErrors.NotFound(command.WebhookId),
            _ => throw WebhookErrors.DeliveryNotFound(command.DeliveryId),
        };
    }
}
