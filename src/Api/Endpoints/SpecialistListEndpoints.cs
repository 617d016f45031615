using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Slots.Api.Http;
using Slots.Api.Security;
using Slots.Application.Slots;
using Slots.Application.Slots.ListAvailableSlots;
using Slots.Application.Slots.ListSpecialistSlots;

namespace Slots.Api.Endpoints;

/// <summary>A specialist's lists: all their slots (theirs to see), and the bookable ones (anyone's).</summary>
public static class SpecialistListEndpoints
{
    public static void MapSpecialistLists(this RouteGroupBuilder specialists)
    {
        specialists.MapGet("/{specialistEmail}/slots", ListSlots).WithName("listSpecialistSlots")
            .WithSummary("List a specialist's slots")
            .WithDescription("A specialist's slots, each with its live bookings (who booked and when): all of them, soonest "
                + "first; `when=upcoming` those not ended yet, soonest first; `when=past` those that have ended, latest first. "
                + "With `serviceId`, only that service's and those for no service; with `status`, only those open (active) or "
                + "closed (inactive) for booking; with `booked=true`, only those someone booked, `booked=false` those nobody has. "
                + "The specialist themself or an admin. Paged: the next page is in the `Link` header.");
        specialists.MapGet("/{specialistEmail}/available-slots", ListAvailable).WithName("listAvailableSlots")
            .WithSummary("List a specialist's bookable slots")
            .WithDescription("Active, future, not-full slots whose local date lies in [startDate, endDate] (default: today "
                + "and the next 30 days), soonest first, with the seats left; with `serviceId` (a Service Card's link), only "
                + "that service's slots and those for no service (\"applies to all consulting\"); with `includeFull=true`, also the "
                + "full slots whose waitlist is open, with `remainingCapacity` 0 and `waitlistOpen` true. May be read from a standby "
                + "up to a second behind; send a command's `Slots-Read-After` back to see its change. Anonymous; limited per "
                + "client address.")
            .AllowAnonymous().Limited(RateLimits.AvailableReads);
    }

    internal static async Task<Ok<IReadOnlyList<SlotResponse>>> ListSlots(
        string specialistEmail, int? limit, string? cursor, string? serviceId, string? when, string? status, bool? booked,
        ISender sender, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(NextLink.Items(http, await sender.Send(
            new ListSpecialistSlotsQuery(specialistEmail, limit, cursor, serviceId, when, status, booked), ct)));

    internal static async Task<TaggedJson<IReadOnlyList<AvailableSlotResponse>>> ListAvailable(
        string specialistEmail, string? startDate, string? endDate, int? limit, string? cursor, string? serviceId, bool? includeFull,
        [FromHeader(Name = "If-None-Match")] string? ifNoneMatch, [FromHeader(Name = ReadAfter.Header)] string? readAfter,
        ISender sender, HttpContext http, CancellationToken ct)
    {
        var query = new ListAvailableSlotsQuery(
            specialistEmail, startDate, endDate, limit, cursor, serviceId, includeFull ?? false, ReadAfter.Checked(readAfter));
        var page = await sender.Send(query, ct);
        // The result compares If-None-Match with the hash of the body it would send.
        return new TaggedJson<IReadOnlyList<AvailableSlotResponse>>(NextLink.Items(http, page), ifNoneMatch);
    }
}
