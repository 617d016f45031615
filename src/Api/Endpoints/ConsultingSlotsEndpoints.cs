using Mediator;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Slots.Api.Contracts;
using Slots.Api.Http;
using Slots.Api.OpenApi;
using Slots.Api.Security;
using Slots.Application.Common;
using Slots.Application.Common.Idempotency;
using Slots.Application.Slots;
using Slots.Application.Slots.BookSlot;
using Slots.Application.Slots.CancelBooking;
using Slots.Application.Slots.ChangeSeries;
using Slots.Application.Slots.CreateSeries;
using Slots.Application.Slots.CreateSlot;
using Slots.Application.Slots.DeleteSeries;
using Slots.Application.Slots.DeleteSlot;
using Slots.Application.Slots.GetSeries;
using Slots.Application.Slots.GetSlot;
using Slots.Application.Slots.ListCancelledBookings;
using Slots.Application.Slots.ListAvailableSlots;
using Slots.Application.Slots.ListMyBookings;
using Slots.Application.Slots.ListSpecialistSlots;
using Slots.Application.Slots.UpdateSlot;

namespace Slots.Api.Endpoints;

/// <summary>
/// <c>/api/consulting-slots</c> and a specialist's lists under <c>/api/specialists</c>: each endpoint turns the request
/// into one command or query and sends it.
/// Slot ids carry a <c>guid</c> route constraint, which keeps <c>GET /{slotId}</c> apart from
/// <c>GET /{specialistEmail}</c> and answers 404 for ids that are not GUIDs.
/// </summary>
public static class ConsultingSlotsEndpoints
{
    public const string BasePath = "/api/consulting-slots";

    /// <summary>A specialist's lists, apart from the slot paths so that no two paths differ only by a parameter.</summary>
    public const string SpecialistsPath = "/api/specialists";

    /// <summary>What belongs to the caller.</summary>
    public const string MePath = "/api/me";

    public static void MapConsultingSlots(this IEndpointRouteBuilder app)
    {
        // Every endpoint may answer 400 (problem with an errors map), 500 and 503; all but the available view need a
        // bearer token (401) and a role or ownership (403, or 404 for a slot of someone else's). The document
        // transformers (Slots.Api.OpenApi) add those shared answers and their headers to every operation.
        var slots = app.MapGroup(BasePath).WithTags(ApiTags.Slots).RequireAuthorization();
        var specialists = app.MapGroup(SpecialistsPath).WithTags(ApiTags.Specialists).RequireAuthorization();
        var me = app.MapGroup(MePath).WithTags(ApiTags.Me).RequireAuthorization();

        me.MapGet("/bookings", ListMyBookings).WithName("listMyBookings").WithSummary("List my bookings")
            .WithDescription("The caller's live bookings in slots that have not ended yet, the soonest first, each with its "
                + "slot. A customer (or an admin, for the bookings in their own id). Paged: the next page is in the `Link` header.");

        specialists.MapGet("/{specialistEmail}/slots", ListSpecialistSlots).WithName("listSpecialistSlots")
            .WithSummary("List a specialist's slots")
            .WithDescription("All of a specialist's slots, past and future, soonest first, each with its live bookings (who "
                + "booked and when). The specialist themself or an admin. Paged: the next page is in the `Link` header.");
        specialists.MapGet("/{specialistEmail}/available-slots", ListAvailableSlots).WithName("listAvailableSlots")
            .WithSummary("List a specialist's bookable slots")
            .WithDescription("Active, future, not-full slots whose local date lies in [startDate, endDate] (default: today "
                + "and the next 30 days), soonest first, with the seats left. Anonymous; limited per client address.")
            .AllowAnonymous().Limited(RateLimits.AvailableReads);
        slots.MapPost("/", CreateSlot).WithName("createSlot").WithSummary("Create a slot")
            .WithDescription("Publishes a slot on the specialist's local date and times in an IANA time zone. Capacity 1 is "
                + "a 1:1 session, more a group. Specialists create their own; an admin names the specialist.")
            .ProducesProblem(StatusCodes.Status409Conflict).Idempotent().Limited(RateLimits.SlotCreations);
        slots.MapPost("/series", CreateSeries).WithName("createSeries").WithSummary("Publish a weekly series of slots")
            .WithDescription("Turns a weekly pattern (the days from `from` to `to` whose weekday is listed, each window filled "
                + "with slots of `slotMinutes`, `gapMinutes` apart) into slots in one transaction: 201 with the series' id, the "
                + "slots created and those skipped, each with its reason (`slot_overlaps`, `nonexistent_local_time` in a DST gap, "
                + "`start_not_in_future`). Local times stay local across DST changes. At most 500 slots per request "
                + "(400 `series_too_large` says how many the pattern makes). `?dryRun=true` answers the same with 200 and "
                + "writes nothing. One request counts as one creation for the rate limit.")
            .Idempotent().Limited(RateLimits.SlotCreations);
        slots.MapGet("/series/{seriesId:guid}", GetSeries).WithName("getSeries").WithSummary("List a series' slots")
            .WithDescription("Every slot of the series, past and future, soonest first, each with its live bookings (a series "
                + "has at most 500). Its specialist or an admin.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        slots.MapPut("/series/{seriesId:guid}", ChangeSeries).WithName("changeSeries").WithSummary("Activate or deactivate a series")
            .WithDescription("Sets the status of every future slot of the series (past ones are history), in one transaction, "
                + "with a `slots.slot.changed` event per slot that changed. Its specialist or an admin; one change for the "
                + "rate limit.")
            .ProducesProblem(StatusCodes.Status404NotFound).Limited(RateLimits.SlotChanges);
        slots.MapDelete("/series/{seriesId:guid}", DeleteSeries).WithName("deleteSeries").WithSummary("Delete a series")
            .WithDescription("Deletes every future slot of the series nobody holds a seat in, with a `slots.slot.deleted` event "
                + "each, and lists the booked ones it kept. Its specialist or an admin; one change for the rate limit.")
            .ProducesProblem(StatusCodes.Status404NotFound).Limited(RateLimits.SlotChanges);
        slots.MapGet("/{slotId:guid}", GetSlot).WithName("getSlot").WithSummary("Get a slot")
            .WithDescription("One slot with its live bookings, tagged with its version (`ETag`); `If-None-Match` with that tag "
                + "answers 304. Its specialist or an admin.")
            .Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status404NotFound);
        slots.MapGet("/{slotId:guid}/cancelled-bookings", ListCancelledBookings).WithName("listCancelledBookings")
            .WithSummary("List a slot's cancelled bookings")
            .WithDescription("The most recently cancelled first, at most `limit` (1-100, default 100). Its specialist or an admin.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        slots.MapPut("/{slotId:guid}", UpdateSlot).WithName("updateSlot").WithSummary("Change a slot")
            .WithDescription("Changes the start and end time (both local, on the slot's date) or the status. Date and "
                + "capacity never change: naming them answers 400. Its specialist or an admin.")
            .ChangesASlot().Conditional().Limited(RateLimits.SlotChanges);
        slots.MapDelete("/{slotId:guid}", DeleteSlot).WithName("deleteSlot").WithSummary("Delete a slot")
            .WithDescription("Deletes a slot nobody holds a live booking in (409 `slot_has_bookings` otherwise). Its "
                + "specialist or an admin.")
            .ChangesASlot().Conditional().Limited(RateLimits.SlotChanges);
        slots.MapPost("/{slotId:guid}/book", BookSlot).WithName("bookSlot").WithSummary("Book a seat")
            .WithDescription("Books one seat for the signed-in customer (an admin names the customer). Exact under any "
                + "concurrency: once the seats are gone, 409 `slot_fully_booked`.")
            .ChangesASlot().Idempotent().Limited(RateLimits.Bookings);
        slots.MapDelete("/{slotId:guid}/book/{customerId}", CancelBooking).WithName("cancelBooking")
            .WithSummary("Cancel a booking")
            .WithDescription("Cancels a customer's live booking and frees the seat. The customer, the slot's specialist "
                + "or an admin.")
            .ChangesASlot().Limited(RateLimits.Cancellations);

        MapDeprecatedListPaths(app);
    }

    /// <summary>
    /// The lists' first paths, kept for existing clients but left out of the document (each is identical to, or
    /// ambiguous with, a slot path): same answers, plus <c>Deprecation</c> (RFC 9745) and a <c>successor-version</c>
    /// link to the path that replaced it.
    /// </summary>
    private static void MapDeprecatedListPaths(IEndpointRouteBuilder app)
    {
        var old = app.MapGroup(BasePath).RequireAuthorization().ExcludeFromDescription();
        old.MapGet("/{specialistEmail}", ListSpecialistSlots)
            .AddEndpointFilter(Deprecated(email => $"{SpecialistsPath}/{email}/slots"));
        old.MapGet("/available/{specialistEmail}", ListAvailableSlots)
            .AddEndpointFilter(Deprecated(email => $"{SpecialistsPath}/{email}/available-slots"))
            .AllowAnonymous().RequireRateLimiting(RateLimits.AvailableReads);
    }

    private static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> Deprecated(
        Func<string, string> successor) =>
        (context, next) =>
        {
            var http = context.HttpContext;
            var email = Uri.EscapeDataString((string)http.GetRouteValue("specialistEmail")!);
            http.Response.Headers.Append("Deprecation", "@1795910400"); // 2026-11-29, RFC 9745's structured date
            http.Response.Headers.Append("Link", $"<{successor(email)}>; rel=\"successor-version\"");
            return next(context);
        };

    private static async Task<Ok<IReadOnlyList<SlotResponse>>> ListSpecialistSlots(
        string specialistEmail, int? limit, string? cursor, ISender sender, HttpContext http, CancellationToken ct)
    {
        var page = await sender.Send(new ListSpecialistSlotsQuery(specialistEmail, limit, cursor), ct);
        return TypedResults.Ok(WithNextLink(http, page));
    }

    private static async Task<TaggedJson<IReadOnlyList<AvailableSlotResponse>>> ListAvailableSlots(
        string specialistEmail, string? startDate, string? endDate, int? limit, string? cursor,
        [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, ISender sender, HttpContext http, CancellationToken ct)
    {
        var page = await sender.Send(new ListAvailableSlotsQuery(specialistEmail, startDate, endDate, limit, cursor), ct);
        // The result compares If-None-Match with the hash of the body it would send.
        return new TaggedJson<IReadOnlyList<AvailableSlotResponse>>(WithNextLink(http, page), ifNoneMatch);
    }

    private static async Task<Ok<IReadOnlyList<MyBookingResponse>>> ListMyBookings(
        int? limit, string? cursor, ISender sender, HttpContext http, CancellationToken ct)
    {
        var page = await sender.Send(new ListMyBookingsQuery(limit, cursor), ct);
        return TypedResults.Ok(WithNextLink(http, page));
    }

    private static async Task<Created<SlotResponse>> CreateSlot(
        CreateSlotCommand command, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey, IdempotencyContext idempotency,
        ISender sender, HttpContext http, CancellationToken ct)
    {
        idempotency.Key = IdempotencyKey(idempotencyKey);
        var slot = await sender.Send(command, ct);
        MarkReplayed(http, idempotency);
        http.Response.Headers.ETag = EntityTags.ForSlot(slot.Version);
        return TypedResults.Created($"{BasePath}/{slot.Id}", slot);
    }

    private static async Task<Results<Created<SeriesResponse>, Ok<SeriesResponse>>> CreateSeries(
        CreateSeriesCommand command, bool? dryRun, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        IdempotencyContext idempotency, ISender sender, HttpContext http, CancellationToken ct)
    {
        idempotency.Key = IdempotencyKey(idempotencyKey);
        var series = await sender.Send(command with { DryRun = dryRun == true }, ct);
        MarkReplayed(http, idempotency);
        return series.SeriesId is { } id ? TypedResults.Created($"{BasePath}/series/{id}", series) : TypedResults.Ok(series);
    }

    private static async Task<Ok<IReadOnlyList<SlotResponse>>> GetSeries(Guid seriesId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetSeriesQuery(seriesId), ct));

    private static async Task<Ok<SeriesChangeResponse>> ChangeSeries(
        Guid seriesId, ChangeSeriesRequest body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ChangeSeriesCommand(seriesId, body.Status), ct));

    private static async Task<Ok<SeriesDeleteResponse>> DeleteSeries(Guid seriesId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new DeleteSeriesCommand(seriesId), ct));

    private static async Task<Results<Ok<SlotResponse>, StatusCodeHttpResult>> GetSlot(
        Guid slotId, [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, ISender sender, HttpContext http, CancellationToken ct)
    {
        var slot = await sender.Send(new GetSlotQuery(slotId), ct);
        var tag = EntityTags.ForSlot(slot.Version);
        http.Response.Headers.ETag = tag;
        return EntityTags.NoneMatchHits(ifNoneMatch, tag) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(slot);
    }

    private static async Task<Ok<IReadOnlyList<BookingResponse>>> ListCancelledBookings(
        Guid slotId, int? limit, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListCancelledBookingsQuery(slotId, limit), ct));

    private static async Task<Ok<SlotResponse>> UpdateSlot(
        Guid slotId, UpdateSlotRequest body, [FromHeader(Name = "If-Match")] string? ifMatch,
        ISender sender, HttpContext http, CancellationToken ct)
    {
        var slot = await sender.Send(
            new UpdateSlotCommand(
                slotId, body.StartTime, body.EndTime, body.Status, body.Date is not null, body.TotalCapacity is not null,
                EntityTags.SlotVersions(ifMatch)),
            ct);
        http.Response.Headers.ETag = EntityTags.ForSlot(slot.Version);
        return TypedResults.Ok(slot);
    }

    private static async Task<NoContent> DeleteSlot(
        Guid slotId, [FromHeader(Name = "If-Match")] string? ifMatch, ISender sender, CancellationToken ct)
    {
        await sender.Send(new DeleteSlotCommand(slotId, EntityTags.SlotVersions(ifMatch)), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Created<BookingConfirmation>> BookSlot(
        Guid slotId, BookSlotRequest body, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
        IdempotencyContext idempotency, ISender sender, HttpContext http, CancellationToken ct)
    {
        idempotency.Key = IdempotencyKey(idempotencyKey);
        var confirmation = await sender.Send(new BookSlotCommand(slotId, body.CustomerId, body.CustomerEmail, body.CustomerName), ct);
        if (!MarkReplayed(http, idempotency))
        {
            SlotsMetrics.Bookings.Add(1);
        }

        return TypedResults.Created($"{BasePath}/{slotId}", confirmation);
    }

    private static async Task<NoContent> CancelBooking(Guid slotId, string customerId, ISender sender, CancellationToken ct)
    {
        await sender.Send(new CancelBookingCommand(slotId, customerId), ct);
        SlotsMetrics.Cancellations.Add(1);
        return TypedResults.NoContent();
    }

    private const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The <c>Idempotency-Key</c> header's value, or 400 when it is empty, too long or not printable ASCII.</summary>
    private static string? IdempotencyKey(string? header) =>
        header is null || IdempotencyContext.IsValidKey(header)
            ? header
            : throw new FluentValidation.ValidationException(
                [new FluentValidation.Results.ValidationFailure(IdempotencyKeyHeader,
                    $"'{IdempotencyKeyHeader}' must be 1 to {IdempotencyContext.MaxKeyLength} printable ASCII characters.")]);

    /// <summary>Says so when the answer is the one kept for the key (IETF httpapi idempotency draft); true then.</summary>
    private static bool MarkReplayed(HttpContext http, IdempotencyContext idempotency)
    {
        if (idempotency.Replayed)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return idempotency.Replayed;
    }

    /// <summary>A command on an existing slot: 404 when there is none, 409 when its state forbids the change.</summary>
    private static RouteHandlerBuilder ChangesASlot(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    /// <summary>A POST that takes an <c>Idempotency-Key</c>: 422 when the key was used for another request.</summary>
    private static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    /// <summary>A change that honours <c>If-Match</c>: 412 when the slot is no longer at a version it names.</summary>
    private static RouteHandlerBuilder Conditional(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status412PreconditionFailed);

    /// <summary>A rate limit (per user, or per client address): 429 with <c>Retry-After</c> once the bucket is empty.</summary>
    private static RouteHandlerBuilder Limited(this RouteHandlerBuilder endpoint, string policy) =>
        endpoint.RequireRateLimiting(policy).ProducesProblem(StatusCodes.Status429TooManyRequests);

    /// <summary>
    /// Lists stay plain JSON arrays; the next page is announced in a <c>Link</c> header, as a relative reference
    /// (RFC 8288 allows it), so the request's <c>Host</c> header is never echoed back.
    /// </summary>
    private static IReadOnlyList<T> WithNextLink<T>(HttpContext http, Page<T> page)
    {
        if (page.NextCursor is not null)
        {
            AppendNextLink(http, "cursor", page.NextCursor);
        }

        return page.Items;
    }

    /// <summary>The request's own URL with <paramref name="parameter"/> set to <paramref name="value"/>, as <c>rel="next"</c>.</summary>
    public static void AppendNextLink(HttpContext http, string parameter, string value)
    {
        var request = http.Request;
        var query = request.Query
            .Where(q => !string.Equals(q.Key, parameter, StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
            .Append(KeyValuePair.Create(parameter, (string?)value));
        var next = UriHelper.BuildRelative(request.PathBase, request.Path, QueryString.Create(query));
        http.Response.Headers.Append("Link", $"<{next}>; rel=\"next\"");
    }
}
