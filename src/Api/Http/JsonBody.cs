namespace Slots.Api.Http;

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
