using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Slots.Application.Common;

/// <summary>Local times travel as <c>HH:mm</c> (24-hour), never with seconds.</summary>
public sealed class HourMinuteTimeConverter : JsonConverter<TimeOnly>
{
    public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        LocalFormats.TryParseTime(reader.GetString(), out var time)
            ? time
            : throw new JsonException("Expected a 24-hour time in the form HH:mm.");

    public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(LocalFormats.Time, CultureInfo.InvariantCulture));
}
