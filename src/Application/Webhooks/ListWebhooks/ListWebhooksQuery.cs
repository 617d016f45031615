using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Webhooks.ListWebhooks;

/// <summary>Every webhook subscription with how its deliveries stand: internal services only.</summary>
public sealed record ListWebhooksQuery : IQuery<IReadOnlyList<WebhookResponse>>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.AdminsOnly;

    public static ServiceScope? ServiceScope => Common.Security.ServiceScope.WebhooksManage;
}
