using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Slots.Api.Contracts;
using Slots.Api.Http;
using Slots.Api.Security;
using Slots.Application.Common;
using Slots.Application.Common.Security;
using Slots.Application.Slots;
using Slots.Application.Slots.BookSlot;
using Slots.Application.Slots.CancelBooking;
using Slots.Application.Slots.ListCancelledBookings;
using Slots.Application.Slots.MoveBooking;

namespace Slots.Api.Endpoints;

/// <summary>A slot's bookings: book a seat, cancel one, move one to another slot, list the cancelled ones.</summary>
public static class BookingEndpoints
{
    public static void MapBookings(this RouteGroupBuilder slots)
    {
        slots.MapPost("/{slotId:guid}/book", Book).WithName("bookSlot").WithSummary("Book a seat")
            .WithDescription("Books one seat for the signed-in customer (an admin names the customer). Exact under any "
                + "concurrency: once the seats are gone (booked, or held by others: `POST .../holds`), 409 `slot_fully_booked`. "
                + "With `holdId`, the customer's live hold becomes the booking, which cannot then be refused for capacity; a hold "
                + "past its time answers 410 `hold_expired`, a released one 410 `hold_released`, one already booked 409 "
                + "`hold_booked`, an unknown one (or another customer's) 404 `hold_not_found`. Without it, a customer who holds a "
                + "seat of the slot books with that hold.")
            .ProducesProblem(StatusCodes.Status410Gone).ChangesASlot().Idempotent().Limited(RateLimits.Bookings);
        slots.MapDelete("/{slotId:guid}/book/{customerId}", Cancel).WithName("cancelBooking")
            .WithSummary("Cancel a booking")
            .WithDescription("Cancels a customer's live booking and frees the seat. The customer, until the booking's "
                + "`cancellableUntil` (later: 409 `cancellation_window_closed`); the slot's specialist or an admin, at any time "
                + "(the booking records it as late). Without a body, so 400 `cancellation_reason_required` when the booking's "
                + "policy requires a reason: `POST .../cancellation` gives one. With an `Idempotency-Key`, a repeat (a retry "
                + "after a lost answer) gets 204 again, `Idempotent-Replayed: true`, rather than 404 `booking_not_found`.")
            .ChangesASlot().Idempotent().Limited(RateLimits.Cancellations);
        slots.MapPost("/{slotId:guid}/book/{customerId}/cancellation", CancelWithReason).WithName("cancelBookingWithReason")
            .WithSummary("Cancel a booking, saying why")
            .WithDescription("Cancels like `DELETE .../book/{customerId}`, with a `reason` (at most 500 characters, one line) "
                + "that the booking keeps, the specialist's views and the cancelled list show, the cancellation event carries "
                + "and both parties' emails quote.")
            .ChangesASlot().Idempotent().Limited(RateLimits.Cancellations);
        slots.MapPost("/{slotId:guid}/book/me/cancellation", CancelMineWithReason).WithName("cancelMyBookingWithReason")
            .WithSummary("Cancel my booking, saying why")
            .WithDescription("`POST .../book/{customerId}/cancellation` for the signed-in customer's own booking.")
            .ChangesASlot().Idempotent().Limited(RateLimits.Cancellations);
        slots.MapDelete("/{slotId:guid}/book/me", CancelMine).WithName("cancelMyBooking")
            .WithSummary("Cancel my booking")
            .WithDescription("Cancels the signed-in customer's own live booking, whose id is the token's subject: for a "
                + "subject a path cannot carry (one holding `/`, say).")
            .ChangesASlot().Idempotent().Limited(RateLimits.Cancellations);
        slots.MapPost("/{slotId:guid}/book/{customerId}/move", Move).WithName("moveBooking")
            .WithSummary("Move a booking to another slot")
            .WithDescription("Moves a customer's live booking to another slot of the same specialist (`toSlotId`) in one "
                + "transaction: the booking keeps its id and its invite (updated: the same UID, SEQUENCE one more), takes the "
                + "policy a new booking of that slot would, and lists the slot it left in `movedFrom`. The target is checked "
                + "as a booking is; when it refuses (409 `slot_fully_booked`, `slot_inactive`, `slot_in_past`, `already_booked`, "
                + "`booking_window_closed`, `move_to_other_specialist`), nothing changes and the customer keeps the seat they "
                + "had. The customer until the booking's `reschedulableUntil` (later: 409 `reschedule_window_closed`); the slot's "
                + "specialist or an admin until it starts. One `slots.booking.moved` event with both slots' seats.")
            .ChangesASlot().Idempotent().Limited(RateLimits.Bookings);
        slots.MapPost("/{slotId:guid}/book/me/move", MoveMine).WithName("moveMyBooking")
            .WithSummary("Move my booking to another slot")
            .WithDescription("`POST .../book/{customerId}/move` for the signed-in customer's own booking.")
            .ChangesASlot().Idempotent().Limited(RateLimits.Bookings);
        slots.MapGet("/{slotId:guid}/cancelled-bookings", ListCancelled).WithName("listCancelledBookings")
            .WithSummary("List a slot's cancelled bookings")
            .WithDescription("The most recently cancelled first, at most `limit` (1-100, default 100). Its specialist or an admin.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Created<BookingConfirmation>> Book(
        Guid slotId, BookSlotRequest body, [FromHeader(Name = IdempotencyKeyFilter.Header)] string? idempotencyKey,
        ISender sender, CancellationToken ct)
    {
        var confirmation = await sender.Send(
            new BookSlotCommand(slotId, body.CustomerId, body.CustomerEmail, body.CustomerName, body.Timezone, body.HoldId) { IdempotencyKey = idempotencyKey }, ct);
        if (!confirmation.Replayed)
        {
            SlotsMetrics.Bookings.Add(1);
        }

        return TypedResults.Created($"{ConsultingSlotsEndpoints.BasePath}/{slotId}", confirmation);
    }

    private static Task<NoContent> Cancel(
        Guid slotId, string customerId, [FromHeader(Name = IdempotencyKeyFilter.Header)] string? idempotencyKey,
        ISender sender, HttpContext http, CancellationToken ct) =>
        SendCancelAsync(new CancelBookingCommand(slotId, customerId) { IdempotencyKey = idempotencyKey }, sender, http, ct);

    private static Task<NoContent> CancelMine(
        Guid slotId, [FromHeader(Name = IdempotencyKeyFilter.Header)] string? idempotencyKey,
        ICurrentUser user, ISender sender, HttpContext http, CancellationToken ct) =>
        Cancel(slotId, user.Require().Subject, idempotencyKey, sender, http, ct);

    private static Task<NoContent> CancelWithReason(
        Guid slotId, string customerId, CancelBookingRequest body, [FromHeader(Name = IdempotencyKeyFilter.Header)] string? idempotencyKey,
        ISender sender, HttpContext http, CancellationToken ct) =>
        SendCancelAsync(new CancelBookingCommand(slotId, customerId, body.Reason) { IdempotencyKey = idempotencyKey }, sender, http, ct);

    private static Task<NoContent> CancelMineWithReason(
        Guid slotId, CancelBookingRequest body, [FromHeader(Name = IdempotencyKeyFilter.Header)] string? idempotencyKey,
        ICurrentUser user, ISender sender, HttpContext http, CancellationToken ct) =>
        CancelWithReason(slotId, user.Require().Subject, body, idempotencyKey, sender, http, ct);

    private static async Task<Ok<BookingConfirmation>> Move(
        Guid slotId, string customerId, MoveBookingRequest body, [FromHeader(Name = IdempotencyKeyFilter.Header)] string? idempotencyKey,
        ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(
            new MoveBookingCommand(slotId, customerId, body.ToSlotId, body.Reason) { IdempotencyKey = idempotencyKey }, ct));

    private static Task<Ok<BookingConfirmation>> MoveMine(
        Guid slotId, MoveBookingRequest body, [FromHeader(Name = IdempotencyKeyFilter.Header)] string? idempotencyKey,
        ICurrentUser user, ISender sender, CancellationToken ct) =>
        Move(slotId, user.Require().Subject, body, idempotencyKey, sender, ct);

    private static async Task<NoContent> SendCancelAsync(CancelBookingCommand command, ISender sender, HttpContext http, CancellationToken ct)
    {
        var done = await sender.Send(command, ct);
        IdempotencyKeyFilter.MarkReplayed(http, done);
        if (!done.Replayed)
        {
            SlotsMetrics.Cancellations.Add(1);
        }

        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<BookingResponse>>> ListCancelled(
        Guid slotId, int? limit, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListCancelledBookingsQuery(slotId, limit), ct));
}
