using Scalar.AspNetCore;

namespace Slots.Api.OpenApi;

/// <summary>
/// The interactive reference at <c>/docs</c> (Scalar), on the served document. Everything it loads comes from the
/// API itself: Scalar's script is served by the package, the default fonts (from Scalar's CDN) are off, and so are
/// its telemetry, its AI agent and MCP features, which call Scalar's servers. The page has a policy of its own
/// (<see cref="UseApiReferencePolicy"/>): scripts only from this origin or with the nonce Scalar puts on its own.
/// </summary>
public static class ApiReference
{
    public const string Path = "/docs";

    /// <summary>
    /// The reference page's policy, <c>{0}</c> the response's nonce: like the web UI's, but its own inline start-up
    /// script runs by the nonce, and Scalar sets styles at run time (hence inline styles).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'nonce-{0}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; "
        + "form-action 'self'; frame-ancestors 'none'";

    /// <summary>Sends <see cref="ContentSecurityPolicy"/> with the nonce of the page Scalar renders, on every answer under <c>/docs</c>.</summary>
    public static IApplicationBuilder UseApiReferencePolicy(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Path))
            {
                context.Response.OnStarting(() =>
                {
                    var nonce = context.Items.TryGetValue(ScalarOptions.NonceHttpContextItemKey, out var value) ? value as string : null;
                    context.Response.Headers.ContentSecurityPolicy = string.Format(
                        System.Globalization.CultureInfo.InvariantCulture, ContentSecurityPolicy, nonce ?? "none");
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });

    public static void MapApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(Path, options => options
            .WithTitle(ContractDocument.Title)
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .WithNonce()
            .ShowOperationId()
            .AddPreferredSecuritySchemes([OpenApiBearer.Scheme]))
            .RequireRateLimiting(Security.RateLimits.PublicDocuments);
}
