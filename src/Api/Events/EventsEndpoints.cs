using System.Reflection;
using Mediator;
using Microsoft.AspNetCore.Http.Metadata;
using Slots.Api.Http;
using Slots.Api.OpenApi;
using Slots.Api.Security;
using Slots.Application.Events;
using Slots.Application.Events.ListEvents;

namespace Slots.Api.Events;

/// <summary>
/// <c>GET /api/events</c>: the outbox as a feed of CloudEvents 1.0 (structured JSON, through the CloudEvents SDK), for
/// internal services. A consumer keeps the <c>position</c> of the last event it handled and asks for what comes after.
/// </summary>
public static class EventsEndpoints
{
    public const string Path = "/api/events";

    public static void MapEvents(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, ListEvents).WithTags(ApiTags.Events).RequireAuthorization().WithName("listEvents")
            .WithSummary("Read the event feed")
            .WithDescription("Every change, as CloudEvents 1.0 (`slots.slot.created`, `slots.slot.changed`, `slots.slot.deleted`, "
                + "`slots.booking.created`, `slots.booking.cancelled`, `slots.booking.moved`; a series' bulk changes as one `slots.series.created`, "
                + "`.changed` or `.deleted` whose subject is the series and whose data names the slots), oldest first, after `after` (a `position` the feed gave; "
                + "omitted: from the first). Polling with the last `position` seen never misses an event and never repeats one, "
                + "although transactions commit out of the order they began in. Events are kept 90 days (configurable): "
                + "a position before the last event deleted answers 410 `position_expired`, since events after it are gone. "
                + "Admins, and services with the `events:read` scope. Paged: the next page is in the `Link` header.")
            .ProducesProblem(StatusCodes.Status410Gone).Limited(RateLimits.ServiceCalls);

    private static async Task<CloudEventsJson> ListEvents(string? after, int? limit, ISender sender, HttpContext http, CancellationToken ct)
    {
        var page = await sender.Send(new ListEventsQuery(after, limit), ct);
        if (page.NextCursor is not null)
        {
            NextLink.Append(http, "after", page.NextCursor);
        }

        return new CloudEventsJson(page.Items);
    }

    /// <summary>The events as a JSON array of structured CloudEvents; documented as <see cref="CloudEventDocument"/>s.</summary>
    private sealed class CloudEventsJson(IReadOnlyList<FeedEvent> events) : IResult, IEndpointMetadataProvider
    {
        public Task ExecuteAsync(HttpContext httpContext) => JsonBody.WriteAsync(httpContext, CloudEventJson.EncodeBatch(events));

        public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
        {
            ArgumentNullException.ThrowIfNull(builder);
            builder.Metadata.Add(new ProducesResponseTypeMetadata(
                StatusCodes.Status200OK, typeof(IReadOnlyList<CloudEventDocument>), ["application/json"]));
        }
    }
}
