using Microsoft.Extensions.FileProviders;

namespace Slots.Api.Web;

/// <summary>
/// The web UI (<c>web/</c>, built by <c>./slots run</c>) served from <c>Slots:WebRoot</c>: its files as they are, and
/// <c>index.html</c> for any other path the UI routes itself (<c>/manage</c>, <c>/specialists/…</c>). The API's own
/// paths are never answered with the page: an unknown <c>/api/…</c> path stays a 404 problem. Without a web root
/// (tests, a headless deployment) nothing changes.
/// </summary>
public static class WebUi
{
    /// <summary>Paths the UI never owns.</summary>
    private static readonly string[] ApiPrefixes = ["/api", "/health", "/openapi", "/docs"];

    /// <summary>
    /// The page's policy: everything from this origin only (the bundle, its styles, the API), no framing, no plugins.
    /// Vite emits module scripts and style sheets as files, so no inline script or style is needed.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static void UseWebUi(this WebApplication app)
    {
        var root = app.Configuration["Slots:WebRoot"];
        if (string.IsNullOrWhiteSpace(root))
        {
            return;
        }

        root = Path.GetFullPath(root);
        var index = Path.Combine(root, "index.html");
        if (!File.Exists(index))
        {
            app.Logger.LogWarning("Slots:WebRoot {Root} holds no index.html; the web UI is not served.", root);
            return;
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(root),
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                // Vite names every asset by its content hash: a changed file is a new name, so it may be kept for a year.
                headers.CacheControl = context.Context.Request.Path.StartsWithSegments("/assets")
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
                if (context.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                {
                    PageHeaders(headers);
                }
                else
                {
                    headers.XContentTypeOptions = "nosniff";
                }
            },
        });
        RequestDelegate page = async context =>
        {
            var path = context.Request.Path;
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                || ApiPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.Headers.CacheControl = "no-cache";
            PageHeaders(context.Response.Headers);
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.SendFileAsync(index, context.RequestAborted);
        };
        // Paths that look like files are left to the files above; a specialist's page is named by an email, which
        // looks like one (".com"), so it has a fallback of its own.
        // The page, like the files above, is a file as it is: not counted against a budget (the API calls it makes are).
        app.MapFallback("{*path:nonfile}", page).AllowAnonymous().ExcludeFromDescription().DisableRateLimiting();
        app.MapFallback("/specialists/{*email}", page).AllowAnonymous().ExcludeFromDescription().DisableRateLimiting();
    }

    private static void PageHeaders(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
    }
}
