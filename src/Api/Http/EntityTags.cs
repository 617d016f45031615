using System.Buffers.Text;
using System.Globalization;
using System.IO.Hashing;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Slots.Api.Http;

/// <summary>
/// Entity tags (RFC 9110 8.8.3). A slot's tag is its version, <c>"v7"</c>: one more with every change, a booking or a
/// cancellation included, since the specialist's view lists the bookings. A list's tag is a hash of its body.
/// </summary>
public static class EntityTags
{
    public static string ForSlot(int version) => $"\"v{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// The slot versions an <c>If-Match</c> header accepts: null when there is none or it is <c>*</c> (any version of a
    /// slot that exists); otherwise the versions of its strong tags, possibly none (then nothing matches: 412). Weak
    /// tags never match, as strong comparison requires.
    /// </summary>
    public static IReadOnlyList<int>? SlotVersions(string? ifMatch)
    {
        var tags = ifMatch is null ? [] : Tags(ifMatch);
        if (ifMatch is null || tags.Contains("*"))
        {
            return null;
        }

        return tags
            .Select(t => t.Length > 3 && t.StartsWith("\"v", StringComparison.Ordinal) && t.EndsWith('"')
                && int.TryParse(t.AsSpan(2, t.Length - 3), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .Where(v => v > 0)
            .ToList();
    }

    /// <summary>Whether an <c>If-None-Match</c> header names this tag (weak comparison) or is <c>*</c>: then the answer is 304.</summary>
    public static bool NoneMatchHits(string? ifNoneMatch, string tag) =>
        ifNoneMatch is not null
        && Tags(ifNoneMatch).Any(t => t == "*" || (t.StartsWith("W/", StringComparison.Ordinal) ? t[2..] : t) == tag);

    private static string[] Tags(string header) =>
        header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// A 200 JSON answer tagged with a hash of its body (XXH128), or 304 with no body when <c>If-None-Match</c> already names it:
/// serialized once, with the API's JSON options, then hashed.
/// </summary>
public sealed class TaggedJson<T>(T value, string? ifNoneMatch) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    public T Value { get; } = value;

    public int? StatusCode => StatusCodes.Status200OK;

    object? IValueHttpResult.Value => Value;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var body = JsonSerializer.SerializeToUtf8Bytes(Value, options);
        // XXH128: no secret to keep, only a change to notice, at a fraction of SHA-256's cost on every read.
        var tag = $"\"h{Base64Url.EncodeToString(XxHash128.Hash(body))}\"";
        httpContext.Response.Headers.ETag = tag;
        if (EntityTags.NoneMatchHits(ifNoneMatch, tag))
        {
            httpContext.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        await JsonBody.WriteAsync(httpContext, body);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void), []));
    }
}

/// <summary>Writes JSON already serialized as a 200 answer.</summary>
public static class JsonBody
{
    public static async Task WriteAsync(HttpContext httpContext, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = body.Length;
        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
