using Mediator;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Slots.Api.Contracts;
using Slots.Api.Security;
using Slots.Application.Common;
using Slots.Application.Slots;
using Slots.Application.Slots.BookSlot;
using Slots.Application.Slots.CancelBooking;
using Slots.Application.Slots.CreateSlot;
using Slots.Application.Slots.DeleteSlot;
using Slots.Application.Slots.GetSlot;
using Slots.Application.Slots.ListCancelledBookings;
using Slots.Application.Slots.ListAvailableSlots;
using Slots.Application.Slots.ListSpecialistSlots;
using Slots.Application.Slots.UpdateSlot;

namespace Slots.Api.Endpoints;

/// <summary>
/// <c>/api/consulting-slots</c>: each endpoint turns the request into one command or query and sends it.
/// Slot ids carry a <c>guid</c> route constraint, which keeps <c>GET /{slotId}</c> apart from
/// <c>GET /{specialistEmail}</c> and answers 404 for ids that are not GUIDs.
/// </summary>
public static class ConsultingSlotsEndpoints
{
    public const string BasePath = "/api/consulting-slots";

    public static void MapConsultingSlots(this IEndpointRouteBuilder app)
    {
        // Every endpoint may answer 400 (problem with an errors map) and 503 (database unreachable); all
        // but the available view need a bearer token (401) and a role or ownership (403, or 404 for a
        // slot of someone else's).
        var slots = app.MapGroup(BasePath).WithTags("Consulting slots")
            .RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        slots.MapGet("/{specialistEmail}", ListSpecialistSlots)
            .WithSummary("All of a specialist's slots, past and future, with their bookings.");
        slots.MapGet("/available/{specialistEmail}", ListAvailableSlots)
            .WithSummary("Active, future, not-full slots of a specialist whose local date is in the range.")
            .AllowAnonymous().Limited(RateLimits.AvailableReads);
        slots.MapPost("/", CreateSlot).WithSummary("Create a slot.")
            .ProducesProblem(StatusCodes.Status409Conflict).Limited(RateLimits.SlotCreations);
        slots.MapGet("/{slotId:guid}", GetSlot).WithSummary("One slot with its bookings.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        slots.MapGet("/{slotId:guid}/cancelled-bookings", ListCancelledBookings)
            .WithSummary("A slot's cancelled bookings, the most recently cancelled first (at most 100).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        slots.MapPut("/{slotId:guid}", UpdateSlot).WithSummary("Change a slot's times or status.").ChangesASlot()
            .Limited(RateLimits.SlotChanges);
        slots.MapDelete("/{slotId:guid}", DeleteSlot).WithSummary("Delete a slot nobody has booked.").ChangesASlot()
            .Limited(RateLimits.SlotChanges);
        slots.MapPost("/{slotId:guid}/book", BookSlot).WithSummary("Book a seat.").ChangesASlot().Limited(RateLimits.Bookings);
        slots.MapDelete("/{slotId:guid}/book/{customerId}", CancelBooking).WithSummary("Cancel a customer's booking.")
            .ChangesASlot().Limited(RateLimits.Cancellations);
    }

    private static async Task<Ok<IReadOnlyList<SlotResponse>>> ListSpecialistSlots(
        string specialistEmail, int? limit, string? cursor, ISender sender, HttpContext http, CancellationToken ct)
    {
        var page = await sender.Send(new ListSpecialistSlotsQuery(specialistEmail, limit, cursor), ct);
        return TypedResults.Ok(WithNextLink(http, page));
    }

    private static async Task<Ok<IReadOnlyList<AvailableSlotResponse>>> ListAvailableSlots(
        string specialistEmail, string? startDate, string? endDate, int? limit, string? cursor,
        ISender sender, HttpContext http, CancellationToken ct)
    {
        var page = await sender.Send(new ListAvailableSlotsQuery(specialistEmail, startDate, endDate, limit, cursor), ct);
        return TypedResults.Ok(WithNextLink(http, page));
    }

    private static async Task<Created<SlotResponse>> CreateSlot(CreateSlotCommand command, ISender sender, CancellationToken ct)
    {
        var slot = await sender.Send(command, ct);
        return TypedResults.Created($"{BasePath}/{slot.Id}", slot);
    }

    private static async Task<Ok<SlotResponse>> GetSlot(Guid slotId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetSlotQuery(slotId), ct));

    private static async Task<Ok<IReadOnlyList<BookingResponse>>> ListCancelledBookings(
        Guid slotId, int? limit, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListCancelledBookingsQuery(slotId, limit), ct));

    private static async Task<Ok<SlotResponse>> UpdateSlot(Guid slotId, UpdateSlotRequest body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(
            new UpdateSlotCommand(slotId, body.StartTime, body.EndTime, body.Status, body.Date is not null, body.TotalCapacity is not null),
            ct));

    private static async Task<NoContent> DeleteSlot(Guid slotId, ISender sender, CancellationToken ct)
    {
        await sender.Send(new DeleteSlotCommand(slotId), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Created<BookingConfirmation>> BookSlot(
        Guid slotId, BookSlotRequest body, ISender sender, CancellationToken ct)
    {
        var confirmation = await sender.Send(new BookSlotCommand(slotId, body.CustomerId, body.CustomerEmail, body.CustomerName), ct);
        return TypedResults.Created($"{BasePath}/{slotId}", confirmation);
    }

    private static async Task<NoContent> CancelBooking(Guid slotId, string customerId, ISender sender, CancellationToken ct)
    {
        await sender.Send(new CancelBookingCommand(slotId, customerId), ct);
        return TypedResults.NoContent();
    }

    /// <summary>A command on an existing slot: 404 when there is none, 409 when its state forbids the change.</summary>
    private static RouteHandlerBuilder ChangesASlot(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

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
            var request = http.Request;
            var query = request.Query
                .Where(q => !string.Equals(q.Key, "cursor", StringComparison.OrdinalIgnoreCase))
                .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
                .Append(KeyValuePair.Create("cursor", (string?)page.NextCursor));
            var next = UriHelper.BuildRelative(request.PathBase, request.Path, QueryString.Create(query));
            http.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }

        return page.Items;
    }
}
