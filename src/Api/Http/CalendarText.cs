using System.Buffers.Text;
using System.IO.Hashing;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;

namespace Slots.Api.Http;

/// <summary>
/// A 200 <c>text/calendar</c> answer tagged with a hash of its body (a calendar app polls a feed; unchanged, it gets 304
/// with no body), and, for a file to save, named in <c>Content-Disposition</c>.
/// </summary>
public sealed class CalendarText(string calendar, string? ifNoneMatch, string? fileName = null) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    public const string MediaType = "text/calendar";

    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var body = Encoding.UTF8.GetBytes(calendar);
        var tag = $"\"h{Base64Url.EncodeToString(XxHash128.Hash(body))}\"";
        httpContext.Response.Headers.ETag = tag;
        // Private: a feed is one owner's, behind a secret URL; no shared cache may keep it.
        httpContext.Response.Headers.CacheControl = "private, no-cache";
        if (EntityTags.NoneMatchHits(ifNoneMatch, tag))
        {
            httpContext.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        httpContext.Response.ContentType = $"{MediaType}; charset=utf-8";
        if (fileName is not null)
        {
            httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        }

        httpContext.Response.ContentLength = body.Length;
        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [MediaType]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void), []));
    }
}
