using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Slots.Application.Calendars;
using Slots.Application.Common;
using Slots.Application.Common.Idempotency;
using Slots.Application.Events;
using Slots.Application.Notifications;
using Slots.Application.Slots.CreateSeries;
using Slots.Application.Slots.ListCancelledBookings;
using Slots.Application.Slots.ListMyBookings;
using Slots.Application.Slots.ListSpecialistSlots;
using Slots.Application.Specialists;
using Slots.Application.Specialists.FindSpecialists;
using Slots.Application.Webhooks;
using Slots.Application.Webhooks.CreateWebhook;
using Slots.Application.Webhooks.RotateSecret;
using Slots.Application.Slots.ListMyWaitlist;
using Slots.Domain.Slots;
using static Slots.Api.OpenApi.ContractSchemas;

namespace Slots.Api.OpenApi;

/// <summary>
/// The limits the validators enforce, stated in the document from the same constants: every field and parameter,
/// by its JSON name, gets its type, bounds and format here, so the document cannot drift from the rules.
/// </summary>
public static class ContractLimits
{
    private static readonly IReadOnlyDictionary<string, Action<OpenApiSchema>> ByName =
        new Dictionary<string, Action<OpenApiSchema>>
        {
            ["id"] = Uuid,
            ["slotId"] = Uuid,
            ["specialistEmail"] = Email,
            ["SpecialistProfile.email"] = Email,
            ["SpecialistListing.email"] = Email,
            ["customerEmail"] = Email,
            ["specialistId"] = s => Text(s, SlotLimits.MaxIdLength),
            ["customerId"] = s => Text(s, SlotLimits.MaxIdLength),
            ["serviceId"] = s => Text(s, SlotLimits.MaxIdLength),
            ["listAvailableSlots.serviceId"] = ServiceFilter,
            ["listSpecialistSlots.serviceId"] = ServiceFilter,
            ["customerName"] = s => Text(s, SlotLimits.MaxNameLength),
            ["timezone"] = s => Text(s, SlotLimits.MaxTimezoneLength,
                "An IANA time zone id, such as Europe/Berlin: a slot's (default UTC), or a booking's customer's own, which their mail uses beside the slot's."),
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
            ["remainingCapacity"] = s => Integer(s, 0, SlotLimits.MaxCapacity,
                "Seats left: at least one, unless the slot is listed full for its waitlist (includeFull)."),
            ["waitingCount"] = s => Integer(s, 0, SlotLimits.MaxWaitingPerSlot, "Customers in the slot's waitlist now."),
            ["heldCount"] = s => Integer(s, 0, SlotLimits.MaxCapacity,
                "Seat holds not ended: each keeps a seat until its expiresAt; the sweep ends one past its time within Slots:Holds:SweepSeconds."),
            ["holdId"] = s =>
            {
                Uuid(s);
                s.Description ??= "A seat hold's id (POST .../holds): booking with it uses the seat it keeps.";
            },
            ["minutes"] = s => Integer(s, 1, SlotLimits.MaxHoldMinutes,
                $"How long the seat is kept: 1 to {SlotLimits.MaxHoldMinutes} minutes (default Slots:Holds:Minutes, {SlotLimits.DefaultHoldMinutes} unless configured)."),
            ["expiresAt"] = Instant,
            ["seatsLeft"] = s => Integer(s, 0, SlotLimits.MaxCapacity, "Seats nobody books or holds, this hold counted."),
            ["HoldResponse.status"] = s =>
            {
                EnumName<HoldStatus>(s);
                s.Description = "live (keeps its seat until expiresAt); booked; released; expired.";
            },
            ["waitlistOpen"] = s => s.Description ??= "True for a full slot listed because its waitlist takes customers (includeFull=true).",
            ["waitlist"] = s => s.Description ??= "Whether a full slot takes a waitlist that books customers as seats free (default false). In a slot's override, null follows the specialist's.",
            ["listAvailableSlots.includeFull"] = s =>
            {
                s.Type = JsonSchemaType.Boolean;
                s.Description = "true: also list the full slots whose waitlist is open (remainingCapacity 0, waitlistOpen true).";
            },
            ["WaitlistEntryResponse.position"] = s => Integer(s, 1, SlotLimits.MaxWaitingPerSlot,
                "The place in line while the entry waits (1: the next freed seat is theirs); null once it has ended."),
            ["WaitlistEntryResponse.status"] = s =>
            {
                EnumName<WaitlistStatus>(s);
                s.Description = "waiting; booked (a freed seat went to them: bookingId); left; skipped (they could no longer book: skipReason).";
            },
            ["joinedAt"] = Instant,
            ["endedAt"] = Instant,
            ["skipReason"] = s => Text(s, 64, "Why a freed seat passed them by: booking_limit_reached or already_booked."),
            // A slot lies within one local date, and a date may be longer than 24 hours: a day the clocks go back
            // (25 hours in New York; 26 at Antarctica/Troll, whose summer time is two hours ahead).
            ["duration"] = s => Integer(s, 1, 26 * 60, "Minutes between startsAt and endsAt: up to 26 hours on a day the clocks go back."),
            ["bookings"] = s => s.MaxItems = SlotLimits.MaxCapacity,
            ["status"] = SlotStatusName,
            ["cursor"] = s => Text(s, Paging.MaxCursorLength, "The opaque cursor from the previous page's Link header."),
            ["after"] = s => Text(s, EventPosition.MaxLength, "A position the feed gave (an event's `position`): the events after it."),
            ["position"] = s => Text(s, EventPosition.MaxLength, "The event's place in the feed: pass it as `after` to read on."),
            ["specversion"] = s => Text(s, 8, "The CloudEvents version: 1.0."),
            ["source"] = s => Text(s, 256, "Who wrote the event: urn:consulting-slots."),
            ["type"] = s => Text(s, 64, $"What happened: {string.Join(", ", EventTypes.All)}."),
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
            ["secret"] = s => Text(s, 100, "The signing secret (Standard Webhooks): whsec_ and base64. Shown only in this answer."),
            ["keepPreviousMinutes"] = s => Integer(s, 0, RotateSecretValidator.MaxKeepPreviousMinutes,
                $"How long the secret replaced keeps signing beside the new one, in minutes: {RotateSecretValidator.DefaultKeepPreviousMinutes} (a day) when left out, 0 to stop it at once."),
            ["previousSecretValidUntil"] = Instant,
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
            ["bookingsErased"] = s => Integer(s, 0, int.MaxValue, "Bookings whose email and name were replaced."),
            ["eventsRewritten"] = s => Integer(s, 0, int.MaxValue, "Events whose data held them, rewritten."),
            ["answersDeleted"] = s => Integer(s, 0, int.MaxValue, "Stored answers of idempotent requests that held them, deleted."),
            ["failingSince"] = Instant,
            ["parkedUntil"] = Instant,
            ["disabledAt"] = Instant,
            ["listWebhookDeliveries.status"] = s =>
            {
                EnumName<DeliveryStatus>(s);
                s.Description = "Only the deliveries in this state.";
            },
            ["notificationId"] = Uuid,
            ["eventId"] = Uuid,
            ["bookingId"] = Uuid,
            ["waitlistEntryId"] = Uuid,
            ["sentAt"] = Instant,
            ["listMyBookings.when"] = s =>
            {
                s.Type = JsonSchemaType.String;
                s.Enum = [JsonValue.Create(ListMyBookingsQuery.Upcoming), JsonValue.Create(ListMyBookingsQuery.Past)];
                s.MaxLength = 16;
                s.Description = "upcoming (the default): slots not ended yet, soonest first; past: slots that have ended, latest first.";
            },
            ["listSpecialistSlots.when"] = s =>
            {
                s.Type = JsonSchemaType.String;
                s.Enum = [JsonValue.Create(ListSpecialistSlotsQuery.Upcoming), JsonValue.Create(ListSpecialistSlotsQuery.Past)];
                s.MaxLength = 16;
                s.Description = "upcoming: slots not ended yet, soonest first; past: slots that have ended, latest first; all, soonest first, when left out.";
            },
            ["listSpecialistSlots.status"] = s =>
            {
                EnumName<SlotStatus>(s);
                s.Description = "Only the slots open (active) or closed (inactive) for booking.";
            },
            ["listSpecialistSlots.booked"] = s =>
            {
                s.Type = JsonSchemaType.Boolean;
                s.Description = "true: only the slots someone booked; false: only those nobody has.";
            },
            ["listNotifications.status"] = s =>
            {
                EnumName<NotificationStatus>(s);
                s.Description = "Only the notifications in this state.";
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
            ["CancellationFacts.reason"] = s => Text(s, SlotLimits.MaxReasonLength, "The reason the canceller gave; null when they gave none."),
            ["CancelBookingRequest.reason"] = s => Text(s, SlotLimits.MaxReasonLength,
                "Why, in one line: the booking keeps it, and both parties' emails quote it. Required when the booking's policy says so."),
            ["MoveBookingRequest.reason"] = s => Text(s, SlotLimits.MaxReasonLength,
                "Why, in one line: the move's event carries it."),
            ["toSlotId"] = Uuid,
            ["movedFrom"] = s =>
            {
                s.MaxItems = SlotLimits.MaxMoves;
                s.Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", MaxLength = UuidLength };
                s.Description ??= "The slots the booking was moved out of, the first first; empty when it never moved.";
            },
            ["MoveFacts.reason"] = s => Text(s, SlotLimits.MaxReasonLength, "The reason the mover gave; null when they gave none."),
            ["bookingNoticeMinutes"] = s => Integer(s, 0, SlotLimits.MaxNoticeMinutes,
                "A slot can be booked until this many minutes before it starts (0: until it starts). In a slot's override, null follows the specialist's."),
            ["cancelNoticeMinutes"] = s => Integer(s, 0, SlotLimits.MaxNoticeMinutes,
                "A customer can cancel until this many minutes before the start (0: until it starts). In a slot's override, null follows the specialist's."),
            ["cancellableUntil"] = Instant,
            ["reschedulableUntil"] = Instant,
            ["rescheduleNoticeMinutes"] = s => Integer(s, 0, SlotLimits.MaxNoticeMinutes,
                "A customer can move their booking to another slot until this many minutes before the start (0: until it starts). "
                + "Null: as long as they can cancel (in a slot's override, null follows the specialist's)."),
            ["readCalendarFeed.token"] = s =>
            {
                Text(s, CalendarFeedToken.Length, "The feed's secret token, from its URL (`GET /api/me/calendar-feed`).");
                s.MinLength = CalendarFeedToken.Length;
                s.Pattern = "^[A-Za-z0-9_-]+$";
            },
            ["issuedAt"] = Instant,
            ["CalendarFeedResponse.url"] = s =>
            {
                s.Format = "uri";
                Text(s, 2048, "The feed's URL for a calendar app to subscribe to: anyone with it reads the feed, so keep it private.");
            },
            ["PolicyInput.cancellationReason"] = s =>
            {
                EnumName<ReasonRule>(s);
                s.Description = "Whether a cancellation must give a reason: optional or required. In a slot's override, left out follows the specialist's.";
            },
            ["displayName"] = s => Text(s, ProfileLimits.MaxDisplayNameLength,
                "The name customers see. In a profile's answer, null until the specialist saves one; left out of a request, the sign-in name."),
            ["introduction"] = s =>
            {
                // Lines of printable text: line breaks are the one control character it may hold.
                s.Pattern = "^[^\\u0000-\\u0009\\u000B\\u000C\\u000E-\\u001F\\u007F]+$";
                Text(s, ProfileLimits.MaxIntroductionLength, "A short introduction, in plain text; line breaks are kept.");
            },
            ["SpecialistProfile.timezone"] = SpecialistZone,
            ["SpecialistListing.timezone"] = SpecialistZone,
            ["ProfileInput.timezone"] = SpecialistZone,
            ["services"] = s => s.MaxItems = ProfileLimits.MaxServices,
            ["ServiceOffer.id"] = s => Text(s, SlotLimits.MaxIdLength, "The service's id: a slot for it names it as `serviceId`. Unique within the profile."),
            ["ServiceOffer.title"] = s => Text(s, ProfileLimits.MaxServiceTitleLength, "What the service is called, as a Service Card shows it."),
            ["durationMinutes"] = s => Integer(s, ProfileLimits.MinServiceMinutes, ProfileLimits.MaxServiceMinutes,
                "How long a session of the service usually takes, a hint for customers (each slot keeps its own times)."),
            ["ServiceOffer.description"] = s => Text(s, ProfileLimits.MaxServiceDescriptionLength, "A sentence or two about the service."),
            ["nextOpenAt"] = s =>
            {
                Instant(s);
                s.Description = "When the specialist's next bookable slot starts (of the service asked for, or for all consulting); null: none now.";
            },
            ["findSpecialists.serviceId"] = s => Text(s, SlotLimits.MaxIdLength, "Only specialists who offer this service."),
            ["findSpecialists.q"] = s => Text(s, ProfileLimits.MaxSearchLength,
                "Only specialists whose name, introduction, address or a service's title contains this text (any case)."),
            ["findSpecialists.cursor"] = s => Text(s, DirectoryCursor.MaxLength, "The opaque cursor from the previous page's Link header."),
            ["detail"] = s => Text(s, 500, "The reason, for people."),
            ["dryRun"] = s =>
            {
                s.Type = JsonSchemaType.Boolean;
                s.Description = "true: answer what would be created (200) and write nothing.";
            },
            ["If-Match"] = s => Text(s, MaxEntityTagsLength, "Change only if the slot is still at one of these versions: its ETag, such as \"v3\" (or *). Otherwise 412."),
            ["If-None-Match"] = s => Text(s, MaxEntityTagsLength, "The ETag of the copy you hold: 304 with no body while it is still current."),
            [Http.ReadAfter.Header] = s =>
            {
                Text(s, ReadPositions.MaxLength, "A command's `Slots-Read-After`: the answer includes that change (read from the primary if no standby has it yet).");
                s.Pattern = ReadPositions.Pattern;
            },
        };

    /// <summary>A list's <c>serviceId</c>: one service's slots and those for all consulting.</summary>
    private static void ServiceFilter(OpenApiSchema schema) =>
        Text(schema, SlotLimits.MaxIdLength, "Only this service's slots and those for no service in particular (\"applies to all consulting\").");

    /// <summary>A profile's time zone: the specialist's own, for customers to read their times in.</summary>
    private static void SpecialistZone(OpenApiSchema schema) =>
        Text(schema, SlotLimits.MaxTimezoneLength, "The specialist's IANA time zone, such as Europe/Berlin; null when not given.");

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
    public static (int Max, int Default) PageSizeOf(string? operationId) => operationId switch
    {
        "listCancelledBookings" => (ListCancelledBookingsQuery.MaxLimit, ListCancelledBookingsQuery.MaxLimit),
        "findSpecialists" => (FindSpecialistsQuery.MaxLimit, FindSpecialistsQuery.DefaultLimit),
        "listWaitlist" => (SlotLimits.MaxWaitingPerSlot, SlotLimits.MaxWaitingPerSlot),
        "listMyWaitlist" => (SlotLimits.MaxWaitingPerCustomer + ListMyWaitlistQuery.MaxEnded, SlotLimits.MaxWaitingPerCustomer + ListMyWaitlistQuery.MaxEnded),
        _ => (Paging.MaxLimit, Paging.DefaultLimit),
    };
}
