using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Slots.Api.Http;
using Slots.Api.OpenApi;
using Slots.Api.Security;
using Slots.Application.Webhooks;
using Slots.Application.Webhooks.CreateWebhook;
using Slots.Application.Webhooks.DeleteWebhook;
using Slots.Application.Webhooks.EnableWebhook;
using Slots.Application.Webhooks.ListDeliveries;
using Slots.Application.Webhooks.ListWebhooks;
using Slots.Application.Webhooks.RetryDelivery;
using Slots.Application.Webhooks.RotateSecret;
using Slots.Api.Contracts;

namespace Slots.Api.Webhooks;

/// <summary>
/// <c>/api/webhooks</c>: internal services subscribe a URL to the events, and see and replay its deliveries. Admins, and
/// services with the <c>webhooks:manage</c> scope.
/// </summary>
public static class WebhooksEndpoints
{
    public const string Path = "/api/webhooks";

    public static void MapWebhooks(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup(Path).WithTags(ApiTags.Webhooks).RequireAuthorization()
            .RequireRateLimiting(RateLimits.ServiceCalls).ProducesProblem(StatusCodes.Status429TooManyRequests);
        webhooks.MapPost("/", Create).WithName("createWebhook").WithSummary("Subscribe to the events")
            .WithDescription("Every event of `types` (all when left out) is POSTed to `url` as a CloudEvent, signed by the "
                + "Standard Webhooks scheme (`webhook-id` is the event's id, `webhook-timestamp`, `webhook-signature`) with the "
                + "`secret` in this answer, which is not shown again. At least once, each within 10 s or retried with "
                + "exponential back-off for 24 h, then marked failed and kept for a replay. Deliveries are independent: order "
                + "them by the event's `position`. `https` only; link-local and metadata addresses are refused, also when a "
                + "name resolves to one at send time.");
        webhooks.MapGet("/", List).WithName("listWebhooks").WithSummary("List the subscriptions")
            .WithDescription("Every subscription, oldest first, with how its deliveries stand: `failing` while deliveries "
                + "were given up, `retrying` while some wait for another attempt, `disabled` once it failed for 5 days "
                + "(configurable) without one delivered. A subscription has at most 64 deliveries in flight; after 5 failed "
                + "attempts in a row its circuit breaker opens: nothing is sent until `parkedUntil` (5 s, doubling up to an "
                + "hour), then one delivery at a time until one is delivered.");
        webhooks.MapPost("/{webhookId:guid}/enable", Enable).WithName("enableWebhook").WithSummary("Enable a subscription")
            .WithDescription("Sends to a disabled subscription again, and closes its circuit breaker. Events made while it "
                + "was disabled are not delivered: read them from the feed, after the position of its last delivery.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPost("/{webhookId:guid}/secret", RotateSecret).WithName("rotateWebhookSecret").WithSummary("Rotate a subscription's secret")
            .WithDescription("Gives the subscription a new signing `secret`, in this answer only. The secret it replaces keeps "
                + "signing for `keepPreviousMinutes` (a day when left out, at most a week, 0 to stop at once, for one that "
                + "leaked): until `previousSecretValidUntil` each delivery carries two signatures in `webhook-signature`, "
                + "space-separated, and a receiver verifying with either accepts it. A second rotation within that time drops "
                + "the oldest. Secrets are stored encrypted.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapDelete("/{webhookId:guid}", Delete).WithName("deleteWebhook").WithSummary("End a subscription")
            .WithDescription("Stops the deliveries and forgets them, sent or not.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapGet("/{webhookId:guid}/deliveries", ListDeliveries).WithName("listWebhookDeliveries")
            .WithSummary("List a subscription's deliveries")
            .WithDescription("The newest first, only those in `status` when given: attempts, the last answer or error, the "
                + "next attempt. Paged: the next page is in the `Link` header. Delivered ones are kept for a week after their "
                + "event (configurable), failed ones until replayed or the subscription is deleted.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        webhooks.MapPost("/{webhookId:guid}/deliveries/{deliveryId:guid}/retry", Retry).WithName("retryWebhookDelivery")
            .WithSummary("Send a delivery again")
            .WithDescription("Sends it now: a failed one gets a new 24 h of retries, a delivered one is replayed (receivers "
                + "de-duplicate on `webhook-id`), and a parked subscription is probed with it at once. 409 "
                + "`delivery_in_flight` while it is being sent, 409 `webhook_disabled` while the subscription is disabled.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Created<CreatedWebhookResponse>> Create(CreateWebhookCommand command, ISender sender, CancellationToken ct)
    {
        var webhook = await sender.Send(command, ct);
        return TypedResults.Created($"{Path}/{webhook.Id}/deliveries", webhook);
    }

    private static async Task<Ok<IReadOnlyList<WebhookResponse>>> List(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListWebhooksQuery(), ct));

    private static async Task<NoContent> Delete(Guid webhookId, ISender sender, CancellationToken ct)
    {
        await sender.Send(new DeleteWebhookCommand(webhookId), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<RotatedSecretResponse>> RotateSecret(
        Guid webhookId, RotateSecretRequest? body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new RotateSecretCommand(webhookId, body?.KeepPreviousMinutes), ct));

    private static async Task<NoContent> Enable(Guid webhookId, ISender sender, CancellationToken ct)
    {
        await sender.Send(new EnableWebhookCommand(webhookId), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<WebhookDeliveryResponse>>> ListDeliveries(
        Guid webhookId, string? status, int? limit, string? cursor, ISender sender, HttpContext http, CancellationToken ct)
    {
        var page = await sender.Send(new ListDeliveriesQuery(webhookId, status, limit, cursor), ct);
        return TypedResults.Ok(NextLink.Items(http, page));
    }

    private static async Task<Accepted<WebhookDeliveryResponse>> Retry(Guid webhookId, Guid deliveryId, ISender sender, CancellationToken ct)
    {
        var delivery = await sender.Send(new RetryDeliveryCommand(webhookId, deliveryId), ct);
        return TypedResults.Accepted((string?)null, delivery);
    }
}
