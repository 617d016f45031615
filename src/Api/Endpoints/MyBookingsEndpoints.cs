using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Slots.Api.Http;
using Slots.Application.Slots.ListMyBookings;

namespace Slots.Api.Endpoints;

/// <summary>The caller's own bookings.</summary>
public static class MyBookingsEndpoints
{
    public static void MapMyBookings(this RouteGroupBuilder me) =>
        me.MapGet("/bookings", List).WithName("listMyBookings").WithSummary("List my bookings")
            .WithDescription("The caller's live bookings, each with its slot: `when=upcoming` (the default) those in slots that "
                + "have not ended yet, the soonest first; `when=past` those in slots that have ended, the latest first (a "
                + "booking cancelled is in neither). A customer (or an admin, for the bookings in their own id). Paged: the next "
                + "page is in the `Link` header.");

    private static async Task<Ok<IReadOnlyList<MyBookingResponse>>> List(
        int? limit, string? cursor, string? when, ISender sender, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(NextLink.Items(http, await sender.Send(new ListMyBookingsQuery(limit, cursor, when), ct)));
}
