using Slots.Api.Http;

namespace Slots.Api.OpenApi;

/// <summary>
/// The document is built once per process (output caching; building it cost about 32 ms of CPU a request) and served
/// with an <c>ETag</c> and <c>Cache-Control</c>: it changes only with the build, so the tag is the build's (the API
/// assembly's module version id), the same in every process running it. A matching <c>If-None-Match</c> is 304.
/// </summary>
public static class ContractCaching
{
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>How long clients and proxies may keep the document without asking again.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    public static readonly string ETag = $"\"{typeof(ContractCaching).Assembly.ManifestModule.ModuleVersionId:N}\"";

    /// <summary>Tags the document's answers, and answers 304 to a request that already holds it.</summary>
    public static IApplicationBuilder UseContractCaching(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (!context.Request.Path.Equals(DocumentPath, StringComparison.Ordinal) || !HttpMethods.IsGet(context.Request.Method))
            {
                return next(context);
            }

            context.Response.Headers.ETag = ETag;
            context.Response.Headers.CacheControl = $"public, max-age={(int)MaxAge.TotalSeconds}";
            if (EntityTags.NoneMatchHits(context.Request.Headers.IfNoneMatch, ETag))
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }

            return next(context);
        });
}
