namespace Slots.Api.Web;

/// <summary>
/// <c>/favicon.ico</c>, which every browser asks for on its first visit (the booking pages, the API's reference at
/// <c>/docs</c>): a 32 px calendar in the UI's blue, served from the assembly, so it answers with or without the web UI.
/// </summary>
public static class Favicon
{
    public const string Path = "/favicon.ico";

    private static readonly byte[] Icon = Read();

    public static void MapFavicon(this WebApplication app) =>
        app.MapMethods(Path, [HttpMethods.Get, HttpMethods.Head], (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.File(Icon, "image/x-icon");
        }).AllowAnonymous().ExcludeFromDescription().DisableRateLimiting();

    private static byte[] Read()
    {
        using var resource = typeof(Favicon).Assembly.GetManifestResourceStream("favicon.ico")
            ?? throw new InvalidOperationException("The favicon is not embedded in the assembly.");
        using var bytes = new MemoryStream();
        resource.CopyTo(bytes);
        return bytes.ToArray();
    }
}
