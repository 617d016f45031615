using System.Text.Json;
using System.Text.Json.Serialization;

namespace Slots.Application.Common.Json;

/// <summary>Local times travel as <c>HH:mm</c> (24-hour), never with seconds.</summary>
public sealed class HourMinuteTimeConverter : JsonConverter<TimeOnly>
{
    public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        LocalFormats.TryParseTime(reader.GetString(), out var time)
            ? time
            : throw new JsonException("Expected a 24-hour time in the form HH:mm.");

    /// <summary>The four digits written straight out: <c>ToString("HH:mm")</c> parsed the format on every value (docs/performance.md).</summary>
    public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ReadOnlySpan<byte> text =
        [
            (byte)('0' + (value.Hour / 10)), (byte)('0' + (value.Hour % 10)), (byte)':',
            (byte)('0' + (value.Minute / 10)), (byte)('0' + (value.Minute % 10)),
        ];
        writer.WriteStringValue(text);
    }
}
