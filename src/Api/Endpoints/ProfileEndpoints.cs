using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Slots.Api.Http;
using Slots.Api.Security;
using Slots.Application.Specialists;
using Slots.Application.Specialists.FindSpecialists;
using Slots.Application.Specialists.GetProfile;
using Slots.Application.Specialists.SetProfile;

namespace Slots.Api.Endpoints;

/// <summary>Who a customer is booking: a specialist's public profile (anyone reads it, the specialist writes it) and the directory.</summary>
public static class ProfileEndpoints
{
    public static void MapProfiles(this RouteGroupBuilder specialists)
    {
        specialists.MapGet("/", Find).WithName("findSpecialists").WithSummary("Find a specialist")
            .WithDescription("The directory: specialists who have saved a profile, those with a bookable slot now first (with "
                + "`nextOpenAt`, its start), then by name. `serviceId` keeps those offering the service (their next slot is then "
                + "one of that service or of none); `q` those whose name, introduction, address or a service's title contains "
                + "the text, in any case. Anonymous; limited per client address. Paged: the next page is in the `Link` header.")
            .AllowAnonymous().Limited(RateLimits.AvailableReads);
        specialists.MapGet("/{specialistEmail}", Get).WithName("getProfile").WithSummary("Read a specialist's profile")
            .WithDescription("Who the customer is booking: the display name, a short introduction, the specialist's time zone "
                + "and the services they offer (a slot names one by `serviceId`). A specialist who has published slots but saved "
                + "no profile has `displayName` null. Anonymous; 404 `specialist_not_found` for an address no specialist has.")
            .AllowAnonymous().ProducesProblem(StatusCodes.Status404NotFound).Limited(RateLimits.AvailableReads);
        specialists.MapPut("/{specialistEmail}", Put).WithName("setProfile").WithSummary("Set a specialist's profile")
            .WithDescription("Replaces the profile whole: a part left out is cleared, but `displayName`, which then takes the "
                + "sign-in name. The specialist themself, with a verified email (which becomes their public handle, as a first "
                + "slot makes it; 409 `handle_taken` when another account holds it), or an admin for a specialist who has one.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .Limited(RateLimits.SlotChanges);
    }

    private static async Task<Ok<IReadOnlyList<SpecialistListing>>> Find(
        string? serviceId, string? q, int? limit, string? cursor, ISender sender, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(NextLink.Items(http, await sender.Send(new FindSpecialistsQuery(serviceId, q, limit, cursor), ct)));

    private static async Task<Ok<SpecialistProfile>> Get(string specialistEmail, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetProfileQuery(specialistEmail), ct));

    private static async Task<Ok<SpecialistProfile>> Put(string specialistEmail, ProfileInput body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new SetProfileCommand(specialistEmail, body), ct));
}
