using Slots.Api.Endpoints;
using Slots.Api.Http;

namespace Slots.Api.Security;

/// <summary>
/// Pages on other origins that may call the API from the browser (a host app that embeds the components):
/// <c>Slots:Cors:AllowedOrigins</c>, an explicit list of origins (<c>https://host.example</c>), none by default.
/// ASP.NET's CORS middleware answers their preflight and marks their answers; every other origin gets no
/// <c>Access-Control-Allow-Origin</c>, and its browser keeps the answer from the page. No credentials (the API is called
/// with a bearer token, not cookies), so never <c>*</c> either: a wildcard, a path or a malformed origin stops start-up.
/// </summary>
public static class CrossOrigin
{
    public const string Section = "Slots:Cors:AllowedOrigins";

    /// <summary>How long a browser may keep a preflight's answer.</summary>
    public static readonly TimeSpan PreflightMaxAge = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The request headers a page sends: its token, its body's type, the idempotency key, conditions, a stream's resumption,
    /// and the commit its reads must see.
    /// </summary>
    public static readonly string[] RequestHeaders =
    [
        "Authorization", "Content-Type", IdempotencyKeyFilter.Header, "If-Match", "If-None-Match", SeatStreamEndpoints.LastEventIdHeader,
        ReadAfter.Header,
    ];

    /// <summary>The answer's headers a page may read besides the safelisted ones.</summary>
    public static readonly string[] ExposedHeaders =
    [
        "ETag", "Location", "Link", "Retry-After", RateLimitHeaders.PolicyHeader, RateLimitHeaders.RemainingHeader,
        IdempotencyKeyFilter.ReplayedHeader, ReadAfter.Header,
    ];

    public static IServiceCollection AddSlotsCrossOrigin(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = (configuration.GetSection(Section).Get<string[]>() ?? []).Select(Origin).ToArray();
        services.AddCors(options => options.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete)
            .WithHeaders(RequestHeaders)
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(PreflightMaxAge)));
        return services;
    }

    /// <summary>An origin as the browser sends it (<c>scheme://host[:port]</c>, lower case), or start-up stops saying what is wrong.</summary>
    public static string Origin(string configured)
    {
        if (!Uri.TryCreate(configured, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || uri.PathAndQuery != "/" || configured.EndsWith('/') || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new InvalidOperationException(
                $"{Section}: '{configured}' is not an origin: give scheme, host and port only (https://host.example), never '*' or a path.");
        }

        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }
}
