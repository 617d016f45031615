using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Webhooks.RetryDelivery;

/// <summary>Sends a delivery again now: a replay of one given up or already delivered, or a pending one sooner.</summary>
public sealed record RetryDeliveryCommand(Guid WebhookId, Guid DeliveryId) : ICommand<WebhookDeliveryResponse>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.AdminsOnly;

    public static ServiceScope? ServiceScope => Common.Security.ServiceScope.WebhooksManage;
}
