using Scalar.AspNetCore;

namespace Slots.Api.OpenApi;

/// <summary>
/// The interactive reference at <c>/docs</c> (Scalar), on the served document. Everything it loads comes from the
/// API itself: Scalar's script is served by the package, the default fonts (from Scalar's CDN) are off, and so are
/// its telemetry, its AI agent and MCP features, which call Scalar's servers.
/// </summary>
public static class ApiReference
{
    public const string Path = "/docs";

    public static void MapApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(Path, options => options
            .WithTitle(ContractDocument.Title)
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .ShowOperationId()
            .AddPreferredSecuritySchemes([OpenApiBearer.Scheme]))
            .RequireRateLimiting(Security.RateLimits.PublicDocuments);
}
