using Slots.Api.OpenApi;

namespace Slots.Api.Endpoints;

/// <summary>
/// Where the booking product's resources live: slots, series and bookings under <c>/api/consulting-slots</c>, a
/// specialist's lists under <c>/api/specialists</c>, the caller's under <c>/api/me</c>. Each resource maps its endpoints
/// in a file of its own; each endpoint turns the request into one command or query and sends it.
/// </summary>
/// <remarks>
/// Every endpoint may answer 400 (problem with an errors map), 500 and 503; all but the available view need a bearer
/// token (401) and a role or ownership (403, or 404 for a slot of someone else's). The document transformers
/// (<c>Slots.Api.OpenApi</c>) add those shared answers and their headers to every operation.
/// </remarks>
public static class ConsultingSlotsEndpoints
{
    public const string BasePath = "/api/consulting-slots";

    /// <summary>A specialist's lists, apart from the slot paths so that no two paths differ only by a parameter.</summary>
    public const string SpecialistsPath = "/api/specialists";

    /// <summary>What belongs to the caller.</summary>
    public const string MePath = "/api/me";

    public static void MapConsultingSlots(this IEndpointRouteBuilder app)
    {
        var slots = app.MapGroup(BasePath).WithTags(ApiTags.Slots).RequireAuthorization();
        slots.MapSlots();
        slots.MapSeries();
        slots.MapBookings();
        slots.MapWaitlist();
        slots.MapHolds();
        var specialists = app.MapGroup(SpecialistsPath).WithTags(ApiTags.Specialists).RequireAuthorization();
        specialists.MapSpecialistLists();
        specialists.MapSeatStream();
        specialists.MapPolicies();
        specialists.MapProfiles();
        var me = app.MapGroup(MePath).WithTags(ApiTags.Me).RequireAuthorization();
        me.MapMyBookings();
        me.MapMyWaitlist();
        app.MapCalendars(me);
        app.MapDeprecatedListPaths();
    }
}
