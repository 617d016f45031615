using System.Text.Json;
using System.Text.Json.Serialization;

namespace Slots.Application.Common.Json;

/// <summary>
/// How this service writes JSON, wherever it goes (HTTP answers, event data): camelCase, enums as lower-camel
/// strings, local times as <c>HH:mm</c>, numbers as numbers, and no field the type does not have.
/// </summary>
public static class WireJson
{
    /// <summary>The options for event data and anything else written outside an HTTP answer.</summary>
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        json.Converters.Add(new HourMinuteTimeConverter());
        // A field the server does not take (id, bookedCount, a typo) is refused, not silently dropped.
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // Numbers are JSON numbers, as the document says: "5" for a capacity is refused, not read.
        json.NumberHandling = JsonNumberHandling.Strict;
        return json;
    }
}
