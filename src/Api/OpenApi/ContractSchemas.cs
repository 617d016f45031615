using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Slots.Application.Common;
using Slots.Domain.Slots;

namespace Slots.Api.OpenApi;

/// <summary>The shapes <see cref="ContractLimits"/> gives the document's fields: a UUID, an email, a date, a bounded text or number.</summary>
public static class ContractSchemas
{
    internal const int UuidLength = 36;

    /// <summary>An ISO-8601 UTC instant as the API writes it, fractions of a second included.</summary>
    internal const int InstantLength = 40;

    /// <summary><c>YYYY-MM-DD</c>, as <see cref="LocalFormats.Date"/> reads it (the range is checked by the validators).</summary>
    public const string DatePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

    /// <summary><c>HH:mm</c>, 24-hour, as <see cref="LocalFormats.Time"/> reads it.</summary>
    public const string TimePattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

    /// <summary>
    /// A status as a request names it (the responses refer to the <c>SlotStatus</c> schema instead). Optional, so
    /// documented without null: the API also reads a null as "unchanged", but a client need not send one.
    /// </summary>
    public static void SlotStatusName(OpenApiSchema s) => EnumName<SlotStatus>(s);

    /// <summary>A value of <typeparamref name="T"/> by its name on the wire (camelCase), at most 16 characters.</summary>
    public static void EnumName<T>(OpenApiSchema s)
        where T : struct, Enum
    {
        s.Type = JsonSchemaType.String;
        s.Enum = [.. Enum.GetNames<T>().Select(n => (JsonNode)JsonValue.Create(JsonNamingPolicy.CamelCase.ConvertName(n)))];
        s.MaxLength = 16;
    }

    /// <summary>
    /// A date a slot may have: at most <see cref="SlotLimits.MaxDaysAhead"/> days from today, which JSON Schema cannot say,
    /// so an extension does (<c>x-max-days-ahead</c>; the web UI's limits are generated from it).
    /// </summary>
    public static void DaysAhead(OpenApiSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        schema.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        schema.Extensions["x-max-days-ahead"] = new JsonNodeExtension(JsonValue.Create(SlotLimits.MaxDaysAhead));
    }

    public static void Uuid(OpenApiSchema s)
    {
        s.Type = Keep(s, JsonSchemaType.String);
        s.Format = "uuid";
        s.MaxLength = UuidLength;
    }

    /// <summary>
    /// <see cref="Domain.Common.EmailAddress.IsValid"/>'s rule as a pattern: printable ASCII, one <c>@</c>, a dot in the
    /// domain that is neither its first nor the last character. Not <c>format: email</c>: RFC 5321 is stricter (label
    /// lengths, quoting), and the document must not refuse what the API takes.
    /// </summary>
    public const string EmailPattern = "^[!-?A-~]+@[!-\\-/-?A-~]+\\.[!-?A-~]+$";

    public static void Email(OpenApiSchema s)
    {
        s.Pattern = EmailPattern;
        Text(s, SlotLimits.MaxEmailLength, "An email address in printable ASCII, compared case-insensitively.");
    }

    public static void Date(OpenApiSchema s) => Date(s, null);

    public static void Date(OpenApiSchema s, string? description)
    {
        s.Description ??= description;
        s.Type = Keep(s, JsonSchemaType.String);
        s.Format = "date";
        s.Pattern = DatePattern;
        s.MaxLength = 10;
        s.Description ??= $"A local date, YYYY-MM-DD, from {SlotLimits.EarliestDate:yyyy-MM-dd} to {SlotLimits.LatestDate:yyyy-MM-dd}.";
    }

    public static void Time(OpenApiSchema s)
    {
        s.Type = Keep(s, JsonSchemaType.String);
        s.Format = null;
        s.Pattern = TimePattern;
        s.MaxLength = 5;
        s.Description ??= "A local time, HH:mm (24-hour), in the slot's time zone.";
    }

    public static void Instant(OpenApiSchema s)
    {
        s.Type = Keep(s, JsonSchemaType.String);
        s.Format = "date-time";
        s.MaxLength = InstantLength;
    }

    public static void Text(OpenApiSchema s, int maxLength, string? description = null)
    {
        s.Type = Keep(s, JsonSchemaType.String);
        s.MinLength = 1;
        s.MaxLength = maxLength;
        // Printable text: no control characters (the validators also refuse format characters and lone surrogates).
        s.Pattern ??= "^[^\\u0000-\\u001F\\u007F]+$";
        s.Description ??= description;
    }

    public static void Integer(OpenApiSchema s, int min, int max, string description)
    {
        s.Type = Keep(s, JsonSchemaType.Integer);
        s.Format = "int32";
        s.Pattern = null;
        s.Minimum = min.ToString(CultureInfo.InvariantCulture);
        s.Maximum = max.ToString(CultureInfo.InvariantCulture);
        s.Description ??= description;
    }

    /// <summary>The one JSON type, still nullable when it was (an optional field may be sent as null).</summary>
    private static JsonSchemaType Keep(OpenApiSchema s, JsonSchemaType type) =>
        s.Type is { } current && current.HasFlag(JsonSchemaType.Null) ? type | JsonSchemaType.Null : type;
}
