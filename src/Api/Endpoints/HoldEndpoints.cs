using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Slots.Api.Contracts;
using Slots.Api.Http;
using Slots.Api.Security;
using Slots.Application.Slots.PlaceHold;
using Slots.Application.Slots.ReleaseHold;
using Slots.Domain.Slots;

namespace Slots.Api.Endpoints;

/// <summary>Seat holds: a seat kept for a customer for a few minutes while they confirm, then booked with it or let go.</summary>
public static class HoldEndpoints
{
    public static void MapHolds(this RouteGroupBuilder slots)
    {
        slots.MapPost("/{slotId:guid}/holds", Place).WithName("placeHold").WithSummary("Hold a seat while the customer confirms")
            .WithDescription("Keeps one seat for the signed-in customer (an admin or a service with `bookings:write` names the "
                + $"customer) for `minutes` (1-{SlotLimits.MaxHoldMinutes}; the host's `Slots:Holds:Minutes`, "
                + $"{SlotLimits.DefaultHoldMinutes} unless configured, when absent), or until the slot's booking notice closes if "
                + "that is sooner. While it lives the seat counts as taken in the same locked check as bookings: the customers' "
                + "view, the seat counts and every booking see it, and `POST .../book` with its `holdId` cannot be refused for "
                + "capacity. Past `expiresAt` it keeps nothing, whether or not anything has ended it yet; a sweep ends it within "
                + "`Slots:Holds:SweepSeconds` (`slots.hold.expired`) and gives the seat to the waitlist. Refused as a booking is "
                + "(`slot_fully_booked`, `slot_inactive`, `slot_in_past`, `booking_window_closed`, `already_booked`, "
                + "`booking_limit_reached`); one live hold per customer and slot (409 `already_holding`), at most "
                + $"{SlotLimits.MaxHoldsPerCustomer} per customer (409 `hold_limit_reached`).")
            .ChangesASlot().Idempotent().Limited(RateLimits.Bookings);
        slots.MapDelete("/{slotId:guid}/holds/{holdId:guid}", Release).WithName("releaseHold").WithSummary("Let a held seat go")
            .WithDescription("Ends a live hold before its time and gives its seat to the waitlist, if anyone waits "
                + "(`slots.hold.released`): the hold's customer, the slot's specialist, an admin or a service with "
                + "`bookings:write`. 404 `hold_not_found`; 410 `hold_expired` or `hold_released` when it already ended; 409 "
                + "`hold_booked` when it became a booking (cancel the booking instead).")
            .ProducesProblem(StatusCodes.Status410Gone).ChangesASlot().Limited(RateLimits.Cancellations);
    }

    private static async Task<Created<HoldResponse>> Place(
        Guid slotId, PlaceHoldRequest body, [FromHeader(Name = IdempotencyKeyFilter.Header)] string? idempotencyKey,
        ISender sender, CancellationToken ct)
    {
        var hold = await sender.Send(
            new PlaceHoldCommand(slotId, body.CustomerId, body.CustomerEmail, body.CustomerName, body.Timezone, body.Minutes)
            {
                IdempotencyKey = idempotencyKey,
            },
            ct);
        return TypedResults.Created($"{ConsultingSlotsEndpoints.BasePath}/{slotId}/holds/{hold.HoldId}", hold);
    }

    private static async Task<NoContent> Release(Guid slotId, Guid holdId, ISender sender, CancellationToken ct)
    {
        await sender.Send(new ReleaseHoldCommand(slotId, holdId), ct);
        return TypedResults.NoContent();
    }
}
