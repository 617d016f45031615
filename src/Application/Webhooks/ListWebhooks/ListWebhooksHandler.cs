using Mediator;

namespace Slots.Application.Webhooks.ListWebhooks;

public sealed class ListWebhooksHandler(IWebhookStore webhooks) : IQueryHandler<ListWebhooksQuery, IReadOnlyList<WebhookResponse>>
{
    public async ValueTask<IReadOnlyList<WebhookResponse>> Handle(ListWebhooksQuery query, CancellationToken cancellationToken) =>
        await webhooks.ListAsync(cancellationToken);
}
