using Slots.Api.Security;

namespace Slots.Api.Endpoints;

/// <summary>
/// The lists' first paths, kept for existing clients but left out of the document (each is identical to, or ambiguous
/// with, a slot path): the same answers, plus <c>Deprecation</c> (RFC 9745) and a <c>successor-version</c> link to the
/// path that replaced it.
/// </summary>
public static class DeprecatedListEndpoints
{
    /// <summary>2026-11-29, when the paths were replaced, as RFC 9745's structured date.</summary>
    private const string Since = "@1795910400";

    public static void MapDeprecatedListPaths(this IEndpointRouteBuilder app)
    {
        var old = app.MapGroup(ConsultingSlotsEndpoints.BasePath).RequireAuthorization().ExcludeFromDescription();
        old.MapGet("/{specialistEmail}", SpecialistListEndpoints.ListSlots)
            .AddEndpointFilter(Deprecated(email => $"{ConsultingSlotsEndpoints.SpecialistsPath}/{email}/slots"));
        old.MapGet("/available/{specialistEmail}", SpecialistListEndpoints.ListAvailable)
            .AddEndpointFilter(Deprecated(email => $"{ConsultingSlotsEndpoints.SpecialistsPath}/{email}/available-slots"))
            .AllowAnonymous().RequireRateLimiting(RateLimits.AvailableReads);
    }

    private static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> Deprecated(
        Func<string, string> successor) =>
        (context, next) =>
        {
            var http = context.HttpContext;
            var email = Uri.EscapeDataString((string)http.GetRouteValue("specialistEmail")!);
            http.Response.Headers.Append("Deprecation", Since);
            http.Response.Headers.Append("Link", $"<{successor(email)}>; rel=\"successor-version\"");
            return next(context);
        };
}
