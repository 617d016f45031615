using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;

namespace Slots.Api.Errors;

/// <summary>
/// What a request the framework could not read got wrong: the field, and a sentence for the client. Read from what the
/// endpoint declares (its body's type, the parameters it binds) and from the serializer's structured error (its path, its
/// inner exception), never from the framework's English messages, which name .NET types and may change with any release.
/// </summary>
internal static class RequestErrors
{
    /// <summary>A query value longer than this is cut in the sentence.</summary>
    private const int ShownValueLength = 40;

    public static (string Field, string Detail) Describe(HttpContext http, BadHttpRequestException exception, JsonSerializerOptions json)
    {
        // The exception handler runs with the endpoint cleared; the feature keeps the one that failed, and its route values.
        var failed = http.Features.Get<IExceptionHandlerFeature>();
        var endpoint = failed?.Endpoint ?? http.GetEndpoint();
        var bodyType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        if (exception.InnerException is JsonException body)
        {
            return Describe(body, bodyType, json);
        }

        if (UnreadableQueryValue(http, endpoint, failed?.RouteValues ?? http.Request.RouteValues) is { } query)
        {
            return query;
        }

        return bodyType is not null ? ("body", "A JSON request body is required.") : ("request", exception.Message);
    }

    /// <summary>
    /// JSON that does not parse (the reader's own error is inside), a field the body's type does not have, or a value of
    /// the wrong type for one it has.
    /// </summary>
    private static (string Field, string Detail) Describe(JsonException json, Type? bodyType, JsonSerializerOptions options)
    {
        if (json.InnerException is JsonException)
        {
            return ("body", $"The body is not valid JSON (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}).");
        }

        var field = FieldOf(json);
        return field != "body" && bodyType is not null && !Names(options.GetTypeInfo(bodyType), field)
            ? (field, $"'{field}' is not a field this request takes.")
            : (field, $"'{field}' has the wrong type or an out-of-range value.");
    }

    /// <summary>The field a serializer's error is about, as the body spells it (<c>windows[0].startTime</c>); <c>body</c> for the whole.</summary>
    public static string FieldOf(JsonException json) => json.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";

    /// <summary>Whether the JSON path <paramref name="field"/> (<c>windows[0].startTime</c>) names a property of the type.</summary>
    private static bool Names(JsonTypeInfo type, string field)
    {
        foreach (var step in field.Replace("[", ".[", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var next = step.StartsWith('[')
                ? type.ElementType
                : type.Properties.FirstOrDefault(p => p.Name == step)?.PropertyType;
            if (next is null)
            {
                return false;
            }

            type = type.Options.GetTypeInfo(Nullable.GetUnderlyingType(next) ?? next);
        }

        return true;
    }

    /// <summary>The first query value the endpoint binds to a parsed type (a number, a flag) that does not parse as one.</summary>
    private static (string Field, string Detail)? UnreadableQueryValue(HttpContext http, Endpoint? endpoint, RouteValueDictionary route)
    {
        foreach (var parameter in endpoint?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [])
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterInfo.ParameterType) ?? parameter.ParameterInfo.ParameterType;
            if (!parameter.HasTryParse || type == typeof(string) || route.ContainsKey(parameter.Name)
                || !http.Request.Query.TryGetValue(parameter.Name, out var values))
            {
                continue;
            }

            var value = values.ToString();
            if (Parses(type, value))
            {
                continue;
            }

            return (parameter.Name, $"'{parameter.Name}' cannot be '{(value.Length > ShownValueLength ? value[..ShownValueLength] + "..." : value)}'.");
        }

        return null;
    }

    /// <summary>Whether the type's own <c>TryParse</c> reads <paramref name="value"/>, with the invariant culture where it takes one.</summary>
    private static bool Parses(Type type, string value)
    {
        const BindingFlags Static = BindingFlags.Public | BindingFlags.Static;
        if (type.GetMethod("TryParse", Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]) is { } withCulture)
        {
            return (bool)withCulture.Invoke(null, [value, System.Globalization.CultureInfo.InvariantCulture, null])!;
        }

        return type.GetMethod("TryParse", Static, [typeof(string), type.MakeByRefType()]) is not { } plain
            || (bool)plain.Invoke(null, [value, null])!;
    }
}
