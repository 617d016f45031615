using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json;
using Microsoft.OpenApi;
using Slots.Application.Common.Idempotency;
using Slots.Application.Common;
using Slots.Application.Events;
using Slots.Application.Slots.CreateSeries;
using Slots.Application.Slots.ListCancelledBookings;
using Slots.Application.Webhooks.CreateWebhook;
using Slots.Application.Webhooks;
using Slots.Domain.Slots;

namespace Slots.Api.OpenApi;

/// <summary>
/// The limits the validators enforce, stated in the document from the same constants: every field and parameter,
/// by its JSON name, gets its type, bounds and format here, so the document cannot drift from the rules.
/// </summary>
public static class ContractLimits
{
    /// <summary><c>HH:mm</c>, 24-hour, as <see cref="LocalFormats.Time"/> reads it.</summary>
    public const string TimePattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

    /// <summary><c>YYYY-MM-DD</c>, as <see cref="LocalFormats.Date"/> reads it (the range is checked by the validators).</summary>
    public const string DatePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

    /// <summary>An ISO-8601 UTC instant as the API writes it, fractions of a second included.</summary>
    private const int InstantLength = 40;

    private const int UuidLength = 36;

    private static readonly IReadOnlyDictionary<string, Action<OpenApiSchema>> ByName =
        new Dictionary<string, Action<OpenApiSchema>>
        {
            ["id"] = Uuid,
            ["slotId"] = Uuid,
            ["specialistEmail"] = Email,
            ["customerEmail"] = Email,
            ["specialistId"] = s => Text(s, SlotLimits.MaxIdLength),
            ["customerId"] = s => Text(s, SlotLimits.MaxIdLength),
            ["serviceId"] = s => Text(s, SlotLimits.MaxIdLength),
            ["customerName"] = s => Text(s, SlotLimits.MaxNameLength),
            ["timezone"] = s => Text(s, SlotLimits.MaxTimezoneLength, "An IANA time zone id, such as Europe/Berlin. Default UTC."),
            ["date"] = Date,
            ["startDate"] = Date,
            ["endDate"] = Date,
            ["startTime"] = Time,
            ["endTime"] = Time,
            ["startsAt"] = Instant,
            ["endsAt"] = Instant,
            ["bookedAt"] = Instant,
            ["cancelledAt"] = Instant,
            ["createdAt"] = Instant,
            ["updatedAt"] = Instant,
            ["totalCapacity"] = s => Integer(s, SlotLimits.MinCapacity, SlotLimits.MaxCapacity, "Seats: 1 for a 1:1 session, more for a group."),
            ["bookedCount"] = s => Integer(s, 0, SlotLimits.MaxCapacity, "Live bookings."),
            ["remainingCapacity"] = s => Integer(s, 1, SlotLimits.MaxCapacity, "Seats left (an available slot has at least one)."),
            ["duration"] = s => Integer(s, 1, 24 * 60, "Minutes between startsAt and endsAt."),
            ["bookings"] = s => s.MaxItems = SlotLimits.MaxCapacity,
            ["status"] = SlotStatusName,
            ["cursor"] = s => Text(s, Paging.MaxCursorLength, "The opaque cursor from the previous page's Link header."),
            ["after"] = s => Text(s, EventPosition.MaxLength, "A position the feed gave (an event's `position`): the events after it."),
            ["position"] = s => Text(s, EventPosition.MaxLength, "The event's place in the feed: pass it as `after` to read on."),
            ["specversion"] = s => Text(s, 8, "The CloudEvents version: 1.0."),
            ["source"] = s => Text(s, 256, "Who wrote the event: urn:consulting-slots."),
            ["type"] = s => Text(s, 64, "What happened: slots.slot.created, slots.slot.changed, slots.slot.deleted, slots.booking.created or slots.booking.cancelled."),
            ["subject"] = Uuid,
            ["datacontenttype"] = s => Text(s, 64, "The data's media type: application/json."),
            ["time"] = Instant,
            ["version"] = s => Integer(s, 1, int.MaxValue, "1 when created, one more with every change (bookings included); the ETag is \"v{version}\"."),
            ["Idempotency-Key"] = s => Text(s, IdempotencyKeys.MaxLength,
                "Makes a retry safe: the same key (from the same caller, for the same request) returns the first answer again, "
                + "with `Idempotent-Replayed: true`; kept 24 hours. Printable ASCII."),
            ["url"] = s =>
            {
                s.Format = "uri";
                Text(s, CreateWebhookValidator.MaxUrlLength, "Where the events are POSTed: https (http and loopback only where the API allows insecure targets).");
            },
            ["types"] = s =>
            {
                s.MaxItems = EventTypes.All.Count;
                s.MinItems = 1;
                s.UniqueItems = true;
                s.Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    MaxLength = 64,
                    Enum = [.. EventTypes.All.Select(t => (JsonNode)JsonValue.Create(t))],
                };
                s.Description ??= "The event types to receive; all when left out.";
            },
            ["description"] = s => Text(s, CreateWebhookValidator.MaxDescriptionLength, "What the subscription is for, for people."),
            ["secret"] = s => Text(s, 100, "The signing secret (Standard Webhooks): whsec_ and base64. Shown only when the subscription is created."),
            ["webhookId"] = Uuid,
            ["deliveryId"] = Uuid,
            ["eventType"] = s => Text(s, 64, "The event's type."),
            ["attempts"] = s => Integer(s, 0, int.MaxValue, "Attempts made so far."),
            ["pending"] = s => Integer(s, 0, int.MaxValue, "Deliveries neither delivered nor given up."),
            ["retrying"] = s => Integer(s, 0, int.MaxValue, "Pending deliveries whose last attempt failed."),
            ["failed"] = s => Integer(s, 0, int.MaxValue, "Deliveries given up, kept for a replay."),
            ["lastStatusCode"] = s => Integer(s, 100, 599, "The receiver's status at the last attempt; null when it gave none."),
            ["lastError"] = s => Text(s, 500, "What went wrong at the last failed attempt."),
            ["lastAttemptAt"] = Instant,
            ["lastFailureAt"] = Instant,
            ["nextAttemptAt"] = Instant,
            ["deliveredAt"] = Instant,
            ["listWebhookDeliveries.status"] = s =>
            {
                s.Type = JsonSchemaType.String;
                s.Enum = [.. Enum.GetNames<DeliveryStatus>().Select(n => (JsonNode)JsonValue.Create(JsonNamingPolicy.CamelCase.ConvertName(n)))];
                s.MaxLength = 16;
                s.Description = "Only the deliveries in this state.";
            },
            ["seriesId"] = Uuid,
            ["from"] = s => Date(s, "The series' first local date, YYYY-MM-DD."),
            ["to"] = s => Date(s, $"The series' last local date, YYYY-MM-DD: at most {SlotLimits.MaxDaysAhead} days from today and from `from`."),
            ["weekdays"] = s =>
            {
                s.MinItems = 1;
                s.MaxItems = 7;
                s.UniqueItems = true;
                s.Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    MaxLength = 9,
                    Enum = [.. CreateSeriesValidator.DayNames.Keys.Select(d => (JsonNode)JsonValue.Create(d))],
                };
                s.Description ??= "The days of the week that get slots.";
            },
            ["windows"] = s =>
            {
                s.MinItems = 1;
                s.MaxItems = WeeklyPattern.MaxWindows;
                s.Description ??= "The spans of local time each of those days fills with slots; none may overlap another.";
            },
            ["slotMinutes"] = s => Integer(s, 1, (24 * 60) - 1, "Each slot's length in minutes."),
            ["gapMinutes"] = s => Integer(s, 0, (24 * 60) - 1, "Minutes between one slot's end and the next one's start (default 0)."),
            ["created"] = s => s.MaxItems = WeeklyPattern.MaxSlots,
            ["skipped"] = s => s.MaxItems = WeeklyPattern.MaxSlots,
            ["deleted"] = s =>
            {
                s.MaxItems = WeeklyPattern.MaxSlots;
                s.Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", MaxLength = UuidLength };
                s.Description ??= "The ids of the slots deleted.";
            },
            ["kept"] = s => s.MaxItems = WeeklyPattern.MaxSlots,
            ["slots"] = s => s.MaxItems = WeeklyPattern.MaxSlots,
            ["changed"] = s => Integer(s, 0, WeeklyPattern.MaxSlots, "How many slots changed status."),
            ["reason"] = s => Text(s, 64, "Why the slot was skipped: slot_overlaps, nonexistent_local_time or start_not_in_future."),
            ["detail"] = s => Text(s, 500, "The reason, for people."),
            ["dryRun"] = s =>
            {
                s.Type = JsonSchemaType.Boolean;
                s.Description = "true: answer what would be created (200) and write nothing.";
            },
            ["If-Match"] = s => Text(s, MaxEntityTagsLength, "Change only if the slot is still at one of these versions: its ETag, such as \"v3\" (or *). Otherwise 412."),
            ["If-None-Match"] = s => Text(s, MaxEntityTagsLength, "The ETag of the copy you hold: 304 with no body while it is still current."),
        };

    /// <summary>Room for a few entity tags in a conditional header.</summary>
    private const int MaxEntityTagsLength = 1024;

    /// <summary>Applies the limits to a property or parameter schema named <paramref name="name"/>; false when none are known.</summary>
    public static bool TryApply(string name, OpenApiSchema schema)
    {
        if (!ByName.TryGetValue(name, out var apply))
        {
            return false;
        }

        apply(schema);
        return true;
    }

    /// <summary>A page size: 1 to <paramref name="max"/>.</summary>
    public static void PageSize(OpenApiSchema schema, int max, int defaultSize) =>
        Integer(schema, 1, max, $"Page size, 1-{max} (default {defaultSize}).");

    /// <summary>The page size of an operation's list.</summary>
    public static (int Max, int Default) PageSizeOf(string? operationId) => operationId == "listCancelledBookings"
        ? (ListCancelledBookingsQuery.MaxLimit, ListCancelledBookingsQuery.MaxLimit)
        : (Paging.MaxLimit, Paging.DefaultLimit);

    /// <summary>
    /// A status as a request names it (the responses refer to the <c>SlotStatus</c> schema instead). Optional, so
    /// documented without null: the API also reads a null as "unchanged", but a client need not send one.
    /// </summary>
    private static void SlotStatusName(OpenApiSchema s)
    {
        s.Type = JsonSchemaType.String;
        s.Enum = [.. Enum.GetNames<SlotStatus>().Select(n => (JsonNode)JsonValue.Create(JsonNamingPolicy.CamelCase.ConvertName(n)))];
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

    private static void Uuid(OpenApiSchema s)
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

    private static void Email(OpenApiSchema s)
    {
        s.Pattern = EmailPattern;
        Text(s, SlotLimits.MaxEmailLength, "An email address in printable ASCII, compared case-insensitively.");
    }

    private static void Date(OpenApiSchema s) => Date(s, null);

    private static void Date(OpenApiSchema s, string? description)
    {
        s.Description ??= description;
        s.Type = Keep(s, JsonSchemaType.String);
        s.Format = "date";
        s.Pattern = DatePattern;
        s.MaxLength = 10;
        s.Description ??= $"A local date, YYYY-MM-DD, from {SlotLimits.EarliestDate:yyyy-MM-dd} to {SlotLimits.LatestDate:yyyy-MM-dd}.";
    }

    private static void Time(OpenApiSchema s)
    {
        s.Type = Keep(s, JsonSchemaType.String);
        s.Format = null;
        s.Pattern = TimePattern;
        s.MaxLength = 5;
        s.Description ??= "A local time, HH:mm (24-hour), in the slot's time zone.";
    }

    private static void Instant(OpenApiSchema s)
    {
        s.Type = Keep(s, JsonSchemaType.String);
        s.Format = "date-time";
        s.MaxLength = InstantLength;
    }

    private static void Text(OpenApiSchema s, int maxLength, string? description = null)
    {
        s.Type = Keep(s, JsonSchemaType.String);
        s.MinLength = 1;
        s.MaxLength = maxLength;
        // Printable text: no control characters (the validators also refuse format characters and lone surrogates).
        s.Pattern ??= "^[^\\u0000-\\u001F\\u007F]+$";
        s.Description ??= description;
    }

    private static void Integer(OpenApiSchema s, int min, int max, string description)
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
