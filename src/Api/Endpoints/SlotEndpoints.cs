using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Slots.Api.Contracts;
using Slots.Api.Http;
using Slots.Api.Security;
using Slots.Application.Slots;
using Slots.Application.Slots.DeleteSlot;
using Slots.Application.Slots.GetSlot;
using Slots.Application.Slots.UpdateSlot;

namespace Slots.Api.Endpoints;

/// <summary>
/// One slot: publish, read, change, delete. Slot ids carry a <c>guid</c> route constraint, which keeps <c>/{slotId}</c>
/// apart from the deprecated <c>/{specialistEmail}</c> and answers 404 for ids that are not GUIDs.
/// </summary>
public static class SlotEndpoints
{
    public static void MapSlots(this RouteGroupBuilder slots)
    {
        slots.MapPost("/", Create).WithName("createSlot").WithSummary("Create a slot")
            .WithDescription("Publishes a slot on the specialist's local date and times in an IANA time zone. Capacity 1 is "
                + "a 1:1 session, more a group. Specialists create their own, only with an email their identity provider "
                + "verified (`email_verified: true`; else 403 `email_not_verified`); an admin names the specialist. The first "
                + "slot makes the email the specialist account's public handle: another account with the same email gets "
                + "409 `handle_taken`.")
            .ProducesProblem(StatusCodes.Status409Conflict).Idempotent().Limited(RateLimits.SlotCreations);
        slots.MapGet("/{slotId:guid}", Get).WithName("getSlot").WithSummary("Get a slot")
            .WithDescription("One slot with its live bookings, tagged with its version (`ETag`); `If-None-Match` with that tag "
                + "answers 304. Its specialist or an admin.")
            .Produces(StatusCodes.Status304NotModified).ProducesProblem(StatusCodes.Status404NotFound);
        slots.MapPut("/{slotId:guid}", Update).WithName("updateSlot").WithSummary("Change a slot")
            .WithDescription("Changes the start and end time (both local, on the slot's date), the status, or what the slot "
                + "overrides of its specialist's policy (`policy`, replaced whole; `{}` follows the specialist's again; bookings "
                + "keep the policy they were made under). Date and capacity never change: naming them answers 400. Its "
                + "specialist or an admin.")
            .ChangesASlot().Conditional().Limited(RateLimits.SlotChanges);
        slots.MapDelete("/{slotId:guid}", Delete).WithName("deleteSlot").WithSummary("Delete a slot")
            .WithDescription("Deletes a slot nobody holds a live booking in (409 `slot_has_bookings` otherwise). Its "
                + "specialist or an admin.")
            .ChangesASlot().Conditional().Limited(RateLimits.SlotChanges);
    }

    private static async Task<Created<SlotResponse>> Create(
        CreateSlotRequest body, [FromHeader(Name = IdempotencyKeyFilter.Header)] string? idempotencyKey, ISender sender,
        HttpContext http, CancellationToken ct)
    {
        var slot = await sender.Send(body.ToCommand(idempotencyKey), ct);
        http.Response.Headers.ETag = EntityTags.ForSlot(slot.Version);
        return TypedResults.Created($"{ConsultingSlotsEndpoints.BasePath}/{slot.Id}", slot);
    }

    private static async Task<Results<Ok<SlotResponse>, StatusCodeHttpResult>> Get(
        Guid slotId, [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, ISender sender, HttpContext http, CancellationToken ct)
    {
        var slot = await sender.Send(new GetSlotQuery(slotId), ct);
        var tag = EntityTags.ForSlot(slot.Version);
        http.Response.Headers.ETag = tag;
        return EntityTags.NoneMatchHits(ifNoneMatch, tag) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(slot);
    }

    private static async Task<Ok<SlotResponse>> Update(
        Guid slotId, UpdateSlotRequest body, [FromHeader(Name = "If-Match")] string? ifMatch,
        ISender sender, HttpContext http, CancellationToken ct)
    {
        var slot = await sender.Send(
            new UpdateSlotCommand(
                slotId, body.StartTime, body.EndTime, body.Status, body.Date is not null, body.TotalCapacity is not null,
                EntityTags.SlotVersions(ifMatch), body.Policy),
            ct);
        http.Response.Headers.ETag = EntityTags.ForSlot(slot.Version);
        return TypedResults.Ok(slot);
    }

    private static async Task<NoContent> Delete(
        Guid slotId, [FromHeader(Name = "If-Match")] string? ifMatch, ISender sender, CancellationToken ct)
    {
        await sender.Send(new DeleteSlotCommand(slotId, EntityTags.SlotVersions(ifMatch)), ct);
        return TypedResults.NoContent();
    }
}
