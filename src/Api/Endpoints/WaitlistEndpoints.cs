using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Slots.Api.Contracts;
using Slots.Api.Http;
using Slots.Api.Security;
using Slots.Application.Common.Security;
using Slots.Application.Slots;
using Slots.Application.Slots.JoinWaitlist;
using Slots.Application.Slots.LeaveWaitlist;
using Slots.Application.Slots.ListMyWaitlist;
using Slots.Application.Slots.ListWaitlist;
using Slots.Domain.Slots;

namespace Slots.Api.Endpoints;

/// <summary>A full slot's waitlist: join, leave, the specialist's view of the line, and the customer's own places.</summary>
public static class WaitlistEndpoints
{
    public static void MapWaitlist(this RouteGroupBuilder slots)
    {
        slots.MapPost("/{slotId:guid}/waitlist", Join).WithName("joinWaitlist").WithSummary("Join a full slot's waitlist")
            .WithDescription("Puts the signed-in customer (an admin names the customer) at the end of the slot's line. Only "
                + "while the slot is full, active, bookable (not started, within its booking notice) and its policy takes a "
                + "waitlist; otherwise 409 `seats_available` (book it instead), `waitlist_closed`, `slot_inactive`, `slot_in_past`, "
                + "`booking_window_closed`, `already_booked` or `already_waiting`. At most "
                + $"{SlotLimits.MaxWaitingPerSlot} customers wait for one slot (409 `waitlist_full`) and one customer waits for at "
                + $"most {SlotLimits.MaxWaitingPerCustomer} upcoming slots (409 `waitlist_limit_reached`). When a seat frees (a "
                + "cancellation, a booking moved out, the slot opened again), the transaction that frees it books the first "
                + "customer in line who may still book: an ordinary booking (`slots.booking.created` with `fromWaitlist: true`, "
                + "their confirmation by mail). One who may not (already booked, at a booking limit) is taken out of line "
                + "(`slots.waitlist.skipped`, and `skipped` in their list) and the next is asked.")
            .ChangesASlot().Limited(RateLimits.Bookings);
        slots.MapDelete("/{slotId:guid}/waitlist/{customerId}", Leave).WithName("leaveWaitlist").WithSummary("Leave a slot's waitlist")
            .WithDescription("Takes a customer out of the slot's line: the customer themselves, the slot's specialist or an admin. "
                + "404 `waitlist_entry_not_found` when they are not waiting.")
            .ChangesASlot().Limited(RateLimits.Cancellations);
        slots.MapDelete("/{slotId:guid}/waitlist/me", LeaveMine).WithName("leaveMyWaitlist").WithSummary("Leave a slot's waitlist myself")
            .WithDescription("`DELETE .../waitlist/{customerId}` for the signed-in customer's own place.")
            .ChangesASlot().Limited(RateLimits.Cancellations);
        slots.MapGet("/{slotId:guid}/waitlist", List).WithName("listWaitlist").WithSummary("List a slot's waitlist")
            .WithDescription($"The customers waiting for the slot, first in line first (at most {SlotLimits.MaxWaitingPerSlot}). "
                + "Its specialist or an admin.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static void MapMyWaitlist(this RouteGroupBuilder me) =>
        me.MapGet("/waitlist", ListMine).WithName("listMyWaitlist").WithSummary("List my waitlist places")
            .WithDescription("The caller's places in the waitlists of slots that have not started, the soonest first: those "
                + "waiting with their `position` in line, and those a freed seat `booked` (with the `bookingId`) or `skipped` "
                + "(with the `skipReason`). Places the caller left are not listed. A customer.");

    private static async Task<Created<WaitlistEntryResponse>> Join(Guid slotId, JoinWaitlistRequest body, ISender sender, CancellationToken ct) =>
        TypedResults.Created(
            $"{ConsultingSlotsEndpoints.BasePath}/{slotId}/waitlist",
            await sender.Send(new JoinWaitlistCommand(slotId, body.CustomerId, body.CustomerEmail, body.CustomerName, body.Timezone), ct));

    private static async Task<NoContent> Leave(Guid slotId, string customerId, ISender sender, CancellationToken ct)
    {
        await sender.Send(new LeaveWaitlistCommand(slotId, customerId), ct);
        return TypedResults.NoContent();
    }

    private static Task<NoContent> LeaveMine(Guid slotId, ICurrentUser user, ISender sender, CancellationToken ct) =>
        Leave(slotId, user.Require().Subject, sender, ct);

    private static async Task<Ok<IReadOnlyList<WaitlistEntryResponse>>> List(Guid slotId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListWaitlistQuery(slotId), ct));

    private static async Task<Ok<IReadOnlyList<MyWaitlistEntryResponse>>> ListMine(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListMyWaitlistQuery(), ct));
}
