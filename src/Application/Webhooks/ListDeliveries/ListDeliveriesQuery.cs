using Mediator;
using Slots.Application.Common;
using Slots.Application.Common.Security;

namespace Slots.Application.Webhooks.ListDeliveries;

/// <summary>A subscription's deliveries, newest first, only those in <see cref="Status"/> when given.</summary>
public sealed record ListDeliveriesQuery(Guid WebhookId, string? Status, int? Limit, string? Cursor)
    : IQuery<Page<WebhookDeliveryResponse>>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.AdminsOnly;

    public static ServiceScope? ServiceScope => Common.Security.ServiceScope.WebhooksManage;
}
