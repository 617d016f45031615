using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Slots.Api.OpenApi;

/// <summary>
/// Examples from the plan's own documents: a 1:1 slot created, a booked group slot, a booking confirmation; and a month
/// of availability as a series, with a dry run's answer. The linters check each against its schema.
/// </summary>
public static class ContractExamples
{
    private const string OneToOneRequest = """
        {"date": "2026-12-14", "startTime": "10:00", "endTime": "11:00", "timezone": "Europe/Berlin",
         "totalCapacity": 1, "serviceId": "career-coaching",
         "policy": {"cancelNoticeMinutes": 2880, "cancellationReason": "required"}}
        """;

    private const string OneToOne = """
        {"id": "0f8e2a5c-3b1d-4c6e-9a7f-2d4b6c8e0a13", "specialistId": "ann-1", "specialistEmail": "dr.ann@example.com",
         "serviceId": "career-coaching", "date": "2026-12-14", "startTime": "10:00", "endTime": "11:00",
         "timezone": "Europe/Berlin", "startsAt": "2026-12-14T09:00:00Z", "endsAt": "2026-12-14T10:00:00Z",
         "duration": 60, "totalCapacity": 1, "bookedCount": 0, "heldCount": 0, "waitingCount": 0, "status": "active",
         "policy": {"bookingNoticeMinutes": null, "cancelNoticeMinutes": 2880, "cancellationReason": "required"},
         "isFullyBooked": false, "bookings": [], "createdAt": "2026-11-29T12:00:00Z", "updatedAt": "2026-11-29T12:00:00Z",
         "version": 1}
        """;

    private const string BookedGroup = """
        {"id": "5a1c9e7b-2f4d-4b8a-8c6e-1e3f5a7c9b24", "specialistId": "ann-1", "specialistEmail": "dr.ann@example.com",
         "serviceId": "group-workshop", "date": "2026-12-16", "startTime": "14:00", "endTime": "16:00",
         "timezone": "Europe/Berlin", "startsAt": "2026-12-16T13:00:00Z", "endsAt": "2026-12-16T15:00:00Z",
         "duration": 120, "totalCapacity": 3, "bookedCount": 2, "heldCount": 1, "waitingCount": 0, "status": "active",
         "policy": {"bookingNoticeMinutes": null, "cancelNoticeMinutes": null, "cancellationReason": null},
         "isFullyBooked": false,
         "bookings": [
           {"id": "019ad0a1-5e28-7c3b-9a41-6f0e2d8b7c15", "customerId": "bea-1", "customerEmail": "bea@example.com",
            "customerName": "Bea", "bookedAt": "2026-11-29T12:05:00Z", "cancellableUntil": "2026-12-15T13:00:00Z",
            "reschedulableUntil": "2026-12-15T13:00:00Z", "policy": {"bookingNoticeMinutes": 60, "cancelNoticeMinutes": 1440, "cancellationReason": "optional"}},
           {"id": "019ad0a7-f1b2-7d40-8e6a-3c5b9d1f2e47", "customerId": "carl-7", "customerEmail": "carl@example.com",
            "customerName": "Carl", "bookedAt": "2026-11-29T12:09:30Z", "cancellableUntil": "2026-12-15T13:00:00Z",
            "reschedulableUntil": "2026-12-15T13:00:00Z", "policy": {"bookingNoticeMinutes": 60, "cancelNoticeMinutes": 1440, "cancellationReason": "optional"}}
         ],
         "createdAt": "2026-11-29T12:00:00Z", "updatedAt": "2026-11-29T12:09:30Z", "version": 3}
        """;

    private const string Confirmation = """
        {"slotId": "5a1c9e7b-2f4d-4b8a-8c6e-1e3f5a7c9b24", "customerId": "bea-1", "customerEmail": "bea@example.com",
         "customerName": "Bea", "bookedAt": "2026-11-29T12:05:00Z", "startsAt": "2026-12-16T13:00:00Z",
         "endsAt": "2026-12-16T15:00:00Z", "date": "2026-12-16", "startTime": "14:00", "endTime": "16:00",
         "timezone": "Europe/Berlin", "bookingId": "019ad0a1-5e28-7c3b-9a41-6f0e2d8b7c15",
         "cancellableUntil": "2026-12-15T13:00:00Z", "reschedulableUntil": "2026-12-15T13:00:00Z",
         "policy": {"bookingNoticeMinutes": 60, "cancelNoticeMinutes": 1440, "cancellationReason": "optional"}, "movedFrom": []}
        """;

    private const string DanWaits = """
        {"id": "019ad0b2-7c41-7e95-a2d3-5b8f0c6e1a39", "slotId": "5a1c9e7b-2f4d-4b8a-8c6e-1e3f5a7c9b24", "customerId": "dan-3",
         "customerEmail": "dan@example.com", "customerName": "Dan", "joinedAt": "2026-11-29T12:20:00Z", "status": "waiting",
         "position": 2, "endedAt": null, "skipReason": null, "bookingId": null}
        """;

    private const string BookFromTokyo = """{"timezone": "Asia/Tokyo"}""";

    private const string BookWithHold = """{"holdId": "019ad0b2-7c41-7e3a-9b5d-0a2c4e6f8a19", "timezone": "Asia/Tokyo"}""";

    private const string HoldTenMinutes = """{"minutes": 10}""";

    private const string DansHold = """
        {"holdId": "019ad0b2-7c41-7e3a-9b5d-0a2c4e6f8a19", "slotId": "5a1c9e7b-2f4d-4b8a-8c6e-1e3f5a7c9b24", "customerId": "dan-3",
         "createdAt": "2026-11-29T12:20:00Z", "expiresAt": "2026-11-29T12:30:00Z", "status": "live", "seatsLeft": 0}
        """;

    private const string DayNotice = """{"bookingNoticeMinutes": 60, "cancelNoticeMinutes": 1440, "cancellationReason": "optional", "waitlist": true}""";

    private const string CancelWithReason = """{"reason": "My flight was moved; I will book another day."}""";

    private const string MonthRequest = """
        {"from": "2026-12-07", "to": "2027-01-03", "weekdays": ["monday", "tuesday", "wednesday", "thursday"],
         "windows": [{"startTime": "09:00", "endTime": "12:00"}, {"startTime": "14:00", "endTime": "17:00"}],
         "slotMinutes": 60, "timezone": "Europe/Berlin", "totalCapacity": 1}
        """;

    private const string MorningPreview = """
        {"seriesId": null,
         "created": [
           {"id": "01a22904-a032-7de1-8081-25ddf9893050", "seriesId": null, "specialistId": "ann-1",
            "specialistEmail": "dr.ann@example.com", "serviceId": null, "date": "2026-12-07", "startTime": "09:00",
            "endTime": "10:00", "timezone": "Europe/Berlin", "startsAt": "2026-12-07T08:00:00Z",
            "endsAt": "2026-12-07T09:00:00Z", "duration": 60, "totalCapacity": 1, "bookedCount": 0, "heldCount": 0, "waitingCount": 0, "status": "active",
            "policy": {"bookingNoticeMinutes": null, "cancelNoticeMinutes": null, "cancellationReason": null},
            "isFullyBooked": false, "bookings": [], "createdAt": "2026-11-29T12:00:00Z",
            "updatedAt": "2026-11-29T12:00:00Z", "version": 1}
         ],
         "skipped": [
           {"date": "2026-12-07", "startTime": "10:00", "endTime": "11:00", "reason": "slot_overlaps",
            "detail": "The specialist already has a slot that overlaps this time range."}
         ]}
        """;

    private const string AnnRequest = """
        {"displayName": "Dr. Ann Weber", "introduction": "Career coach in Berlin for engineers and designers.\nSessions in English or German.",
         "timezone": "Europe/Berlin",
         "services": [
           {"id": "career-coaching", "title": "Career coaching", "durationMinutes": 60, "description": "One to one: where next, and how."},
           {"id": "group-workshop", "title": "CV workshop", "durationMinutes": 120, "description": "A small group reviews each other's CVs."}
         ]}
        """;

    private const string Ann = """
        {"email": "dr.ann@example.com", "displayName": "Dr. Ann Weber",
         "introduction": "Career coach in Berlin for engineers and designers.\nSessions in English or German.",
         "timezone": "Europe/Berlin",
         "services": [
           {"id": "career-coaching", "title": "Career coaching", "durationMinutes": 60, "description": "One to one: where next, and how."},
           {"id": "group-workshop", "title": "CV workshop", "durationMinutes": 120, "description": "A small group reviews each other's CVs."}
         ]}
        """;

    private const string Directory = """
        [{"email": "dr.ann@example.com", "displayName": "Dr. Ann Weber",
          "introduction": "Career coach in Berlin for engineers and designers.\nSessions in English or German.",
          "timezone": "Europe/Berlin",
          "services": [{"id": "career-coaching", "title": "Career coaching", "durationMinutes": 60, "description": "One to one: where next, and how."}],
          "nextOpenAt": "2026-12-14T09:00:00Z"},
         {"email": "kai@example.org", "displayName": "Kai Mori", "introduction": null, "timezone": "Asia/Tokyo",
          "services": [{"id": "career-coaching", "title": "Career coaching", "durationMinutes": 45, "description": null}],
          "nextOpenAt": null}]
        """;

    public static void Apply(OpenApiDocument document)
    {
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations ?? []).Select(o => o.Value))
        {
            switch (operation.OperationId)
            {
                case "createSlot":
                    Add(operation.RequestBody?.Content, "oneToOne", "A 1:1 session in Berlin", OneToOneRequest);
                    Add(Success(operation, "201"), "oneToOne", "The 1:1 slot as created", OneToOne);
                    break;
                case "createSeries":
                    Add(operation.RequestBody?.Content, "month", "Four weeks, Monday to Thursday, 9-12 and 14-17 in Berlin", MonthRequest);
                    Add(Success(operation, "200"), "preview", "A dry run: what one morning would make and skip", MorningPreview);
                    break;
                case "getSlot":
                    Add(Success(operation, "200"), "bookedGroup", "A group slot with two of three seats booked", BookedGroup);
                    break;
                case "bookSlot":
                    Add(operation.RequestBody?.Content, "fromTokyo", "A customer books for themself, saying their zone for their mail", BookFromTokyo);
                    Add(operation.RequestBody?.Content, "withHold", "A customer books the seat their hold keeps", BookWithHold);
                    Add(Success(operation, "201"), "confirmation", "Bea's seat in the group slot", Confirmation);
                    break;
                case "placeHold":
                    Add(operation.RequestBody?.Content, "tenMinutes", "Keep a seat ten minutes while the host app takes the payment", HoldTenMinutes);
                    Add(Success(operation, "201"), "last", "Dan holds the group slot's last seat", DansHold);
                    break;
                case "joinWaitlist":
                    Add(operation.RequestBody?.Content, "fromTokyo", "A customer joins for themself, saying their zone for their mail", BookFromTokyo);
                    Add(Success(operation, "201"), "second", "Dan, second in line for the full group slot", DanWaits);
                    break;
                case "setPolicy":
                    Add(operation.RequestBody?.Content, "dayNotice", "Book until an hour before, cancel until a day before, a waitlist for full slots", DayNotice);
                    Add(Success(operation, "200"), "dayNotice", "The policy as set", DayNotice);
                    break;
                case "getPolicy":
                    Add(Success(operation, "200"), "dayNotice", "Book until an hour before, cancel until a day before, a waitlist for full slots", DayNotice);
                    break;
                case "setProfile":
                    Add(operation.RequestBody?.Content, "ann", "A career coach with two services", AnnRequest);
                    Add(Success(operation, "200"), "ann", "The profile as saved", Ann);
                    break;
                case "getProfile":
                    Add(Success(operation, "200"), "ann", "A career coach with two services", Ann);
                    break;
                case "findSpecialists":
                    Add(Success(operation, "200"), "careerCoaching", "Specialists offering career coaching: one with a free slot, one without", Directory);
                    break;
                case "cancelBookingWithReason" or "cancelMyBookingWithReason":
                    Add(operation.RequestBody?.Content, "reason", "A customer says why", CancelWithReason);
                    break;
            }
        }
    }

    private static IDictionary<string, OpenApiMediaType>? Success(OpenApiOperation operation, string status) =>
        operation.Responses?.TryGetValue(status, out var response) == true ? response.Content : null;

    private static void Add(IDictionary<string, OpenApiMediaType>? content, string name, string summary, string json)
    {
        var media = content?.Values.FirstOrDefault()
            ?? throw new InvalidOperationException($"No body to carry the example '{name}'.");
        media.Examples ??= new Dictionary<string, IOpenApiExample>();
        media.Examples[name] = new OpenApiExample { Summary = summary, Value = JsonNode.Parse(json) };
    }
}
