using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Common.Webhooks;

namespace Slots.Application.Webhooks.ListWebhooks;

/// <summary>Every webhook subscription with how its deliveries stand: internal services only.</summary>
public sealed record ListWebhooksQuery : IQuery<IReadOnlyList<WebhookResponse>>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.AdminsOnly;
}

public sealed class ListWebhooksHandler(IWebhookStore webhooks) : IQueryHandler<ListWebhooksQuery, IReadOnlyList<WebhookResponse>>
{
    public async ValueTask<IReadOnlyList<WebhookResponse>> Handle(ListWebhooksQuery query, CancellationToken cancellationToken) =>
        await webhooks.ListAsync(cancellationToken);
}
