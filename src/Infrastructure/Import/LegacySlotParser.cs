using System.Globalization;
using MongoDB.Bson;
using Slots.Application.Common;
using Slots.Application.Slots.ImportSlots;
using Slots.Domain.Common;
using Slots.Domain.Slots;
using Slots.Infrastructure.Persistence;

namespace Slots.Infrastructure.Import;

/// <summary>
/// Turns one document of the plan's ConsultingSlots collection into a <see cref="Slot"/> through
/// <see cref="Slot.Import"/>, or says why it cannot. The fields: <c>_id</c>, <c>specialistId</c>,
/// <c>specialistEmail</c>, <c>serviceId</c>, <c>date</c> (<c>YYYY-MM-DD</c>, or a full date, whose UTC calendar date is
/// taken: drivers store a date alone as its midnight UTC), <c>startTime</c>, <c>endTime</c>, <c>timezone</c> (default
/// UTC), <c>totalCapacity</c>, <c>bookedCount</c>, <c>status</c> (default active), <c>bookings[]</c> (customerId,
/// customerEmail, customerName, bookedAt; one with a <c>cancelledAt</c> holds no seat and is left out),
/// <c>createdAt</c>, <c>updatedAt</c>. <c>duration</c> and <c>isFullyBooked</c> are derived and not read.
/// When <c>bookedCount</c> disagrees with the bookings listed, the bookings win: they name who holds each seat.
/// </summary>
public static class LegacySlotParser
{
    public static (LegacySlot? Slot, ImportRefusal? Refusal) Parse(int line, BsonDocument document, string issuer, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(document);
        var legacyId = document.TryGetValue("_id", out var id) ? IdText(id) : null;
        try
        {
            if (legacyId is null)
            {
                throw Invalid("_id", "is missing or not an ObjectId, a string or a number");
            }

            var specialist = new Specialist(
                issuer,
                Text(document, "specialistId", SlotLimits.MaxIdLength, required: true, idLike: true)!,
                Email(document, "specialistEmail"));
            var serviceId = Text(document, "serviceId", SlotLimits.MaxIdLength, required: false, idLike: true);
            var time = SlotTime.Create(
                Date(document),
                Time(document, "startTime"),
                Time(document, "endTime"),
                Text(document, "timezone", SlotLimits.MaxTimezoneLength, required: false) ?? "UTC");
            var capacity = Integer(document, "totalCapacity") ?? throw Invalid("totalCapacity", "is missing");
            var status = Text(document, "status", 16, required: false) is not { } text ? SlotStatus.Active
                : ColumnTexts.SlotStatuses.TryParse(text, out var named) ? named
                : throw Invalid("status", $"is '{text}', not {ColumnTexts.SlotStatuses.Text(SlotStatus.Active)} or {ColumnTexts.SlotStatuses.Text(SlotStatus.Inactive)}");
            var createdAt = Instant(document, "createdAt") ?? now;
            var updatedAt = Instant(document, "updatedAt") ?? createdAt;
            var bookings = Bookings(document, createdAt);
            var slot = Slot.Import(legacyId, specialist, serviceId, time, capacity, status, bookings, createdAt, updatedAt);
            var counted = Integer(document, "bookedCount");
            var correction = counted is { } count && count != bookings.Count
                ? $"bookedCount {count} disagrees with the {bookings.Count} booking(s) listed; the bookings win"
                : null;
            return (new LegacySlot(line, slot, correction), null);
        }
        catch (DomainException refused)
        {
            var code = refused.Code == "already_booked" ? "duplicate_customer" : refused.Code;
            var reason = refused.Code == "already_booked" ? "the same customer holds two of its bookings" : refused.Message;
            return (null, new ImportRefusal(line, legacyId, code, reason));
        }
    }

    private static List<(Customer, DateTime)> Bookings(BsonDocument document, DateTime createdAt)
    {
        if (!document.TryGetValue("bookings", out var value) || value.IsBsonNull)
        {
            return [];
        }

        if (!value.IsBsonArray)
        {
            throw Invalid("bookings", "is not an array");
        }

        var bookings = new List<(Customer, DateTime)>();
        foreach (var (item, index) in value.AsBsonArray.Select((b, i) => (b, i)))
        {
            var field = $"bookings[{index}]";
            if (!item.IsBsonDocument)
            {
                throw Invalid(field, "is not a document");
            }

            var booking = item.AsBsonDocument;
            if (Instant(booking, "cancelledAt", field) is not null)
            {
                continue;
            }

            var customerId = Text(booking, "customerId", SlotLimits.MaxIdLength, required: true, idLike: true, field)!;
            var email = Email(booking, "customerEmail", field);
            var name = Text(booking, "customerName", SlotLimits.MaxNameLength, required: false, prefix: field) ?? email;
            bookings.Add((new Customer(customerId, email, name), Instant(booking, "bookedAt", field) ?? createdAt));
        }

        return bookings;
    }

    private static string? IdText(BsonValue id) => id.BsonType switch
    {
        BsonType.ObjectId => id.AsObjectId.ToString(),
        BsonType.String when id.AsString.Length is > 0 and <= 64 && Rules.IsPlainText(id.AsString) => id.AsString,
        BsonType.Int32 or BsonType.Int64 => id.ToInt64().ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    private static string? Text(
        BsonDocument document, string name, int maxLength, bool required, bool idLike = false, string? prefix = null)
    {
        if (!document.TryGetValue(name, out var value) || value.IsBsonNull)
        {
            return required ? throw Invalid(name, "is missing", prefix) : null;
        }

        var text = value.BsonType switch
        {
            BsonType.String => value.AsString,
            BsonType.ObjectId when idLike => value.AsObjectId.ToString(),
            _ => throw Invalid(name, $"is a {value.BsonType}, not a string", prefix),
        };
        if (text.Trim().Length == 0 || text.Length > maxLength || !Rules.IsPlainText(text))
        {
            throw Invalid(name, $"must be 1 to {maxLength} characters of plain text", prefix);
        }

        return text;
    }

    private static string Email(BsonDocument document, string name, string? prefix = null)
    {
        var email = Text(document, name, SlotLimits.MaxEmailLength, required: true, prefix: prefix)!;
        return EmailAddress.IsValid(email) ? email : throw Invalid(name, $"'{email}' is not an email address", prefix);
    }

    private static int? Integer(BsonDocument document, string name)
    {
        if (!document.TryGetValue(name, out var value) || value.IsBsonNull)
        {
            return null;
        }

        return value.BsonType switch
        {
            BsonType.Int32 => value.AsInt32,
            BsonType.Int64 when value.AsInt64 is >= int.MinValue and <= int.MaxValue => (int)value.AsInt64,
            BsonType.Double when value.AsDouble % 1 == 0 && Math.Abs(value.AsDouble) <= int.MaxValue => (int)value.AsDouble,
            _ => throw Invalid(name, $"is {value}, not a whole number"),
        };
    }

    private static DateTime? Instant(BsonDocument document, string name, string? prefix = null)
    {
        if (!document.TryGetValue(name, out var value) || value.IsBsonNull)
        {
            return null;
        }

        var instant = value.BsonType switch
        {
            BsonType.DateTime when value.AsBsonDateTime.IsValidDateTime => value.ToUniversalTime(),
            BsonType.String when DateTimeOffset.TryParse(
                value.AsString, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => parsed.UtcDateTime,
            _ => throw Invalid(name, $"is {value}, not a date and time", prefix),
        };
        return Domain.Common.Instant.From(new DateTimeOffset(DateTime.SpecifyKind(instant, DateTimeKind.Utc)));
    }

    private static DateOnly Date(BsonDocument document)
    {
        if (!document.TryGetValue("date", out var value) || value.IsBsonNull)
        {
            throw Invalid("date", "is missing");
        }

        if (value.IsString && LocalFormats.TryParseDate(value.AsString, out var date))
        {
            return date;
        }

        // A full date: its calendar date in UTC.
        return DateOnly.FromDateTime(Instant(document, "date")!.Value);
    }

    private static TimeOnly Time(BsonDocument document, string name)
    {
        var text = Text(document, name, 5, required: true);
        return LocalFormats.TryParseTime(text, out var time) ? time : throw Invalid(name, $"'{text}' is not a 24-hour time HH:mm");
    }

    private static DomainException Invalid(string name, string why, string? prefix = null) =>
        new("invalid_field", $"{(prefix is null ? name : $"{prefix}.{name}")} {why}", DomainErrorKind.Invalid, name);
}
