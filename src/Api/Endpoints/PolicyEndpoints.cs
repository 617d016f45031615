using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Slots.Api.Http;
using Slots.Api.Security;
using Slots.Application.Slots.Policies;
using Slots.Application.Slots.Policies.GetPolicy;
using Slots.Application.Slots.Policies.SetPolicy;
using Slots.Domain.Slots;

namespace Slots.Api.Endpoints;

/// <summary>A specialist's policy ("cancel if allowed"): anyone reads it, the specialist sets it.</summary>
public static class PolicyEndpoints
{
    public static void MapPolicies(this RouteGroupBuilder specialists)
    {
        specialists.MapGet("/{specialistEmail}/policy", Get).WithName("getPolicy").WithSummary("Read a specialist's policy")
            .WithDescription("How late the specialist's slots can be booked (`bookingNoticeMinutes`) and cancelled by a "
                + "customer (`cancelNoticeMinutes`), and whether a cancellation must give a reason: the default of all their "
                + "slots (a slot may override parts of it; a booking keeps the one it was made under). Anonymous, so a customer "
                + "can read it before booking; 404 `specialist_not_found` for an address no specialist has.")
            .AllowAnonymous().ProducesProblem(StatusCodes.Status404NotFound).Limited(RateLimits.AvailableReads);
        specialists.MapPut("/{specialistEmail}/policy", Put).WithName("setPolicy").WithSummary("Set a specialist's policy")
            .WithDescription("Replaces the policy whole (a part left out takes its default: 0 minutes, reason `optional`). "
                + "Bookings already made keep theirs. The specialist themself, with a verified email (which becomes their "
                + "public handle, as a first slot makes it; 409 `handle_taken` when another account holds it), or an admin "
                + "for a specialist who has one.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .Limited(RateLimits.SlotChanges);
    }

    private static async Task<Ok<BookingPolicy>> Get(string specialistEmail, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetPolicyQuery(specialistEmail), ct));

    private static async Task<Ok<BookingPolicy>> Put(string specialistEmail, PolicyInput body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new SetPolicyCommand(specialistEmail, body), ct));
}
