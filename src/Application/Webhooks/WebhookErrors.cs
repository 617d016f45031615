using Slots.Domain.Common;

namespace Slots.Application.Webhooks;

public static class WebhookErrors
{
    public static DomainException NotFound(Guid id) =>
        new("webhook_not_found", $"There is no webhook subscription {id}.", DomainErrorKind.NotFound);

    public static DomainException DeliveryNotFound(Guid id) =>
        new("delivery_not_found", $"The subscription has no delivery {id}.", DomainErrorKind.NotFound);

    public static DomainException InFlight(Guid id) =>
        new("delivery_in_flight", $"Delivery {id} is being sent right now; ask again once it is answered.", DomainErrorKind.Conflict);

    public static DomainException Disabled(Guid id) =>
        new("webhook_disabled", $"Webhook subscription {id} is disabled for failing too long; enable it first.", DomainErrorKind.Conflict);

    public static DomainException TargetRefused(string reason) =>
        new("webhook_target_refused", reason, DomainErrorKind.Invalid, "url");
}
