using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Webhooks.EnableWebhook;

/// <summary>
/// Sends to a subscription again after it was disabled for failing (or closes its circuit breaker): the events from now
/// on are delivered; those in between are in the feed.
/// </summary>
public sealed record EnableWebhookCommand(Guid WebhookId) : ICommand, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.AdminsOnly;

    public static ServiceScope? ServiceScope => Common.Security.ServiceScope.WebhooksManage;
}
