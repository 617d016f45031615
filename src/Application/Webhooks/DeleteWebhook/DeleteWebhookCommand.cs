using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Webhooks.DeleteWebhook;

/// <summary>Ends a subscription; its deliveries, sent or not, go with it.</summary>
public sealed record DeleteWebhookCommand(Guid WebhookId) : ICommand, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.AdminsOnly;

    public static ServiceScope? ServiceScope => Common.Security.ServiceScope.WebhooksManage;
}
