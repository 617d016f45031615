using System.Globalization;
using System.Net;
using System.Text;
using MimeKit;
using Slots.Application.Calendars;
using Slots.Application.Notifications;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Notifications;

/// <summary>
/// A notification's message: text and HTML, and the booking's calendar invite twice, as the <c>text/calendar</c> part
/// calendar clients act on (RFC 6047, its <c>method</c> parameter naming the iTIP method) and as an <c>invite.ics</c>
/// attachment. The invite's <c>UID</c> is the booking's for its whole life, its <c>SEQUENCE</c> the booking's revision,
/// its times UTC; <c>METHOD:REQUEST</c> while the booking stands, <c>METHOD:CANCEL</c> once it is cancelled. Times are told
/// in the specialist's zone, named. A reminder carries no invite (the confirmation's is in the calendar) and is not sent
/// once the session has started. Names and addresses are the customer's own words: control characters (a CR/LF that
/// would start a header) become spaces, and the HTML part escapes them.
/// </summary>
internal sealed class MailComposer(MailOptions options, ICalendarWriter calendars)
{
    /// <summary>
    /// The sender as configured, copied into each message (<see cref="From"/>), never added itself: MimeKit's address
    /// lists listen to their addresses' changes, so one address object in every message kept every message alive.
    /// </summary>
    private readonly MailboxAddress _sender = options.Sender;

    /// <summary>The invites' and messages' domain: the sender's.</summary>
    private string Domain => _sender.Domain;

    /// <summary>A new address for one message's <c>From</c>.</summary>
    private MailboxAddress From => new(_sender.Name, _sender.Address);

    /// <summary>
    /// The message, or null when there is nothing to send: the booking is gone or its customer erased, or it was cancelled
    /// before its confirmation or update went out (the cancellation says all there is to say).
    /// </summary>
    /// <param name="notification">What to tell whom.</param>
    /// <param name="invites">
    /// Invites already written in this round, by booking, revision and method: a booking's confirmation and its notice to
    /// the specialist carry the same one, which is then written once.
    /// </param>
    public MimeMessage? Compose(ClaimedNotification notification, Dictionary<(Guid, int, string), string>? invites = null)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var cancelled = notification.Kind == NotificationKind.Cancelled;
        var reminder = notification.Kind == NotificationKind.Reminder;
        // A waitlist place a freed seat passed by: no booking, so no invite.
        var passed = notification.Kind == NotificationKind.WaitlistSkipped;
        if (notification.Booking is not { } booking || (!cancelled && booking.CancelledAt is not null)
            || (reminder && booking.StartsAt <= notification.ClaimedAt))
        {
            return null;
        }

        var toCustomer = notification.Recipient == NotificationRecipient.Customer;
        var name = Clean(booking.CustomerName);
        var when = When(booking);
        var (subject, lines) = (notification.Kind, toCustomer) switch
        {
            (NotificationKind.Booked, true) => ($"Booked: {when}", new[] { $"Hello {name},", $"your consulting session with {booking.SpecialistEmail} is booked." }),
            (NotificationKind.Booked, false) => ($"New booking: {name}, {when}", new[] { $"{name} ({booking.CustomerEmail}) booked a consulting session with you." }),
            (NotificationKind.Rescheduled, false) => ($"Moved booking: {name}, {when}", new[] { $"The booking of {name} ({booking.CustomerEmail}) has moved to new times." }),
            (NotificationKind.Rescheduled, _) => ($"Moved: {when}", new[] { $"Hello {name},", $"your consulting session with {booking.SpecialistEmail} has moved to new times." }),
            (NotificationKind.Reminder, _) => ($"Reminder: {when}", new[] { $"Hello {name},", $"your consulting session with {booking.SpecialistEmail} is coming up." }),
            (NotificationKind.WaitlistSkipped, _) => ($"Not booked: {when}", new[]
            {
                $"Hello {name},",
                $"a seat freed in the consulting session with {booking.SpecialistEmail} you were waiting for, but {WhyPassed(booking.SkipReason)}, so it went to the next in line. You are no longer on its waitlist.",
            }),
            (_, true) => ($"Cancelled: {when}", new[] { $"Hello {name},", $"your consulting session with {booking.SpecialistEmail} is cancelled." }),
            (_, false) => ($"Cancelled booking: {name}, {when}", new[] { $"The booking of {name} ({booking.CustomerEmail}) is cancelled." }),
        };
        string[] details =
        [
            $"When: {when}",
            .. toCustomer && YourTime(booking) is { } yours ? [$"Your time: {yours}"] : Array.Empty<string>(),
            .. booking.ServiceId is { } service ? [$"Service: {Clean(service)}"] : Array.Empty<string>(),
            .. cancelled && booking.CancelledBy is { } by ? [$"Cancelled by: {Canceller(by, toCustomer)}"] : Array.Empty<string>(),
            .. cancelled && booking.CancellationReason is { } reason ? [$"Reason: {Clean(reason)}"] : Array.Empty<string>(),
            $"Reference: {booking.BookingId}",
        ];
        var footer = passed ? "Nothing in your calendar changes."
            : cancelled ? "The invite attached removes it from your calendar."
            : notification.Kind == NotificationKind.Rescheduled ? "The invite attached updates it in your calendar."
            : reminder ? "It is in your calendar from the invite of your confirmation."
            : "The invite attached adds it to your calendar.";

        var alternative = new MultipartAlternative
        {
            new TextPart("plain") { Text = string.Join("\n", [.. lines, "", .. details, "", footer]) + "\n" },
            new TextPart("html") { Text = Html(lines, details, footer) },
        };
        var message = new MimeMessage
        {
            // One id per notification and revision of its booking: a repeat after a crash folds into the first; a reminder
            // sent again for new times does not.
            MessageId = $"notification-{notification.Id:N}.{booking.Sequence}@{Domain}",
            Date = notification.ClaimedAt,
            Subject = subject,
            Body = alternative,
        };
        if (!reminder && !passed)
        {
            // The invite, as the part calendar clients act on and as a file to open.
            var method = cancelled ? "CANCEL" : "REQUEST";
            var key = (booking.BookingId, booking.Sequence, method);
            if (invites is null || !invites.TryGetValue(key, out var invite))
            {
                invite = calendars.Write([Session(notification, booking, cancelled, name)], method, "Consulting session");
                invites?.Add(key, invite);
            }

            var calendarPart = new TextPart("calendar") { Text = invite };
            calendarPart.ContentType.Parameters.Add("method", method);
            calendarPart.ContentType.Charset = "utf-8";
            alternative.Add(calendarPart);
            var attachment = new MimePart("text", "calendar")
            {
                Content = new MimeContent(new MemoryStream(Encoding.UTF8.GetBytes(invite))),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = "invite.ics",
            };
            attachment.ContentType.Parameters.Add("method", method);
            message.Body = new Multipart("mixed") { alternative, attachment };
        }

        message.From.Add(From);
        message.To.Add(toCustomer ? new MailboxAddress(name, booking.CustomerEmail) : new MailboxAddress(null, booking.SpecialistEmail));
        return message;
    }

    /// <summary>The booking as its invite's one event: its UID for life, its current revision, stamped at the claim.</summary>
    private CalendarSession Session(ClaimedNotification notification, BookingState booking, bool cancelled, string name) => new(
        calendars.BookingUid(booking.BookingId), booking.Sequence, booking.StartsAt, booking.EndsAt, notification.ClaimedAt,
        $"Consulting session: {booking.SpecialistEmail} with {name}", $"Reference: {booking.BookingId}", booking.SpecialistEmail,
        [new CalendarAttendee(booking.CustomerEmail, name)], Cancelled: cancelled);

    /// <summary>Who cancelled, as the recipient reads it: "you" for the one who did.</summary>
    private static string Canceller(CancelledBy by, bool toCustomer) => (by, toCustomer) switch
    {
        (CancelledBy.Customer, true) or (CancelledBy.Specialist, false) => "you",
        (CancelledBy.Customer, false) => "the customer",
        (CancelledBy.Specialist, true) => "the specialist",
        (CancelledBy.Admin, _) => "an administrator",
        _ => "a service acting for the customer",
    };

    /// <summary>"Tuesday, 15 December 2026, 10:00–11:00 (Europe/Berlin)": the specialist's local date and times, the zone named.</summary>
    internal static string When(BookingState booking) => string.Create(
        CultureInfo.InvariantCulture,
        $"{booking.Date:dddd, d MMMM yyyy}, {booking.StartTime:HH:mm}–{booking.EndTime:HH:mm} ({booking.Timezone})");

    /// <summary>
    /// The session in the customer's own zone, when the booking has one other than the slot's: "Wednesday, 16 December
    /// 2026, 18:00–19:00 (Asia/Tokyo)" (its date may differ from the specialist's).
    /// </summary>
    internal static string? YourTime(BookingState booking)
    {
        if (booking.CustomerTimezone is not { } id || id == booking.Timezone || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return null;
        }

        var (start, end) = (TimeZoneInfo.ConvertTimeFromUtc(booking.StartsAt, zone), TimeZoneInfo.ConvertTimeFromUtc(booking.EndsAt, zone));
        return string.Create(CultureInfo.InvariantCulture, $"{start:dddd, d MMMM yyyy}, {start:HH:mm}–{end:HH:mm} ({id})");
    }

    private static string Html(IEnumerable<string> lines, IEnumerable<string> details, string footer)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><body>");
        foreach (var line in lines)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(line)).Append("</p>");
        }

        html.Append("<ul>");
        foreach (var detail in details)
        {
            html.Append("<li>").Append(WebUtility.HtmlEncode(detail)).Append("</li>");
        }

        return html.Append("</ul><p>").Append(WebUtility.HtmlEncode(footer)).Append("</p></body></html>").ToString();
    }

    /// <summary>Control characters (CR, LF, escapes) as spaces: a name cannot start a header or a line of its own.</summary>
    internal static string Clean(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = char.IsControl(source[i]) ? ' ' : source[i];
        }
    });

    /// <summary>Why a freed seat passed a waiting customer by, as the rest of a sentence (the codes <c>/me/waitlist</c> gives as <c>skipReason</c>).</summary>
    private static string WhyPassed(string? reason) => reason switch
    {
        "booking_limit_reached" => "you held as many upcoming bookings as a customer may",
        "already_booked" => "you were already booked in it",
        _ => "you could no longer book it",
    };
}
