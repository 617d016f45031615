using System.Text.Json;
using System.Text.Json.Serialization;

namespace Slots.Application.Common.Json;

/// <summary>
/// An enum a request names, read strictly: one of its names in camelCase, exactly as every answer writes them (no other
/// casing, no number). Anything else is a <see cref="JsonChoiceException"/>, which the API answers as a validation
/// failure that lists the choices.
/// </summary>
public sealed class ExactEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum> ByName =
        Enum.GetValues<TEnum>().ToDictionary(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()), StringComparer.Ordinal);

    private static readonly Dictionary<TEnum, JsonEncodedText> Names =
        ByName.ToDictionary(n => n.Value, n => JsonEncodedText.Encode(n.Key));

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && ByName.TryGetValue(reader.GetString()!, out var value)
            ? value
            : throw new JsonChoiceException([.. ByName.Keys]);

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Names[value]);
    }
}
