using Mediator;
using Slots.Application.Common;

namespace Slots.Application.Webhooks.ListDeliveries;

public sealed class ListDeliveriesHandler(IWebhookStore webhooks) : IQueryHandler<ListDeliveriesQuery, Page<WebhookDeliveryResponse>>
{
    public async ValueTask<Page<WebhookDeliveryResponse>> Handle(ListDeliveriesQuery query, CancellationToken cancellationToken)
    {
        if (!await webhooks.ExistsAsync(query.WebhookId, cancellationToken))
        {
            throw WebhookErrors.NotFound(query.WebhookId);
        }

        Guid? before = DeliveryCursor.TryDecode(query.Cursor, out var last) ? last : null;
        var limit = query.Limit ?? Paging.DefaultLimit;
        DeliveryStatus? status = query.Status is null ? null : ListDeliveriesValidator.Statuses[query.Status];
        var rows = await webhooks.ListDeliveriesAsync(query.WebhookId, status, before, limit + 1, cancellationToken);
        return Paging.ToPage(rows, limit, last => DeliveryCursor.Encode(last.Id));
    }
}
