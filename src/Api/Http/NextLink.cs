using Microsoft.AspNetCore.Http.Extensions;
using Slots.Application.Common;

namespace Slots.Api.Http;

/// <summary>
/// Lists stay plain JSON arrays; the next page is announced in a <c>Link</c> header, as a relative reference (RFC 8288
/// allows it), so the request's <c>Host</c> header is never echoed back.
/// </summary>
public static class NextLink
{
    /// <summary>The page's rows, its cursor (if any) announced under <c>cursor</c>.</summary>
    public static IReadOnlyList<T> Items<T>(HttpContext http, Page<T> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.NextCursor is not null)
        {
            Append(http, "cursor", page.NextCursor);
        }

        return page.Items;
    }

    /// <summary>The request's own URL with <paramref name="parameter"/> set to <paramref name="value"/>, as <c>rel="next"</c>.</summary>
    public static void Append(HttpContext http, string parameter, string value)
    {
        ArgumentNullException.ThrowIfNull(http);
        var request = http.Request;
        var query = request.Query
            .Where(q => !string.Equals(q.Key, parameter, StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
            .Append(KeyValuePair.Create(parameter, (string?)value));
        var next = UriHelper.BuildRelative(request.PathBase, request.Path, QueryString.Create(query));
        http.Response.Headers.Append("Link", $"<{next}>; rel=\"next\"");
    }
}
