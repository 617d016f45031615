using System.Buffers.Text;
using System.IO.Hashing;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Slots.Api.Http;

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
