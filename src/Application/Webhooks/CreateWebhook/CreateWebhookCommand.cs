using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Webhooks.CreateWebhook;

/// <summary>Subscribes <see cref="Url"/> to the events of <see cref="Types"/> (all when null): internal services only.</summary>
public sealed record CreateWebhookCommand(string? Url, IReadOnlyList<string>? Types, string? Description)
    : ICommand<CreatedWebhookResponse>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.AdminsOnly;

    public static ServiceScope? ServiceScope => Common.Security.ServiceScope.WebhooksManage;
}
