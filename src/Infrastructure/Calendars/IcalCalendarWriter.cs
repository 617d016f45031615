using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Slots.Application.Calendars;
using Slots.Infrastructure.Notifications;

namespace Slots.Infrastructure.Calendars;

/// <summary>
/// iCalendar text with Ical.Net, for the mail invites, the feeds and the booking download alike: times in UTC, UIDs in the
/// sender's domain (<c>booking-{id}@…</c>, <c>slot-{id}@…</c>), the organizer the specialist, each booked customer an
/// attendee. Names are people's own words: a quote becomes an apostrophe in a parameter, control characters a space.
/// </summary>
internal sealed class IcalCalendarWriter(MailOptions options) : ICalendarWriter
{
    private readonly string _domain = options.Sender.Domain;

    public string BookingUid(Guid bookingId) => $"booking-{bookingId}@{_domain}";

    public string SlotUid(Guid slotId) => $"slot-{slotId}@{_domain}";

    public string Write(IReadOnlyList<CalendarSession> sessions, string? method, string name)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var calendar = new Ical.Net.Calendar { ProductId = "-//Consulting Slots//Bookings//EN" };
        if (method is not null)
        {
            calendar.Method = method;
        }

        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var session in sessions)
        {
            var vevent = new CalendarEvent
            {
                Uid = session.Uid,
                Sequence = session.Sequence,
                DtStamp = new CalDateTime(session.Stamp),
                DtStart = new CalDateTime(session.StartsAt),
                DtEnd = new CalDateTime(session.EndsAt),
                Summary = MailComposer.Clean(session.Summary),
                Description = session.Description,
                Status = session.Cancelled ? EventStatus.Cancelled : session.Tentative ? EventStatus.Tentative : EventStatus.Confirmed,
                Organizer = new Organizer($"mailto:{session.OrganizerEmail}"),
            };
            foreach (var attendee in session.Attendees)
            {
                vevent.Attendees.Add(new Attendee($"mailto:{attendee.Email}")
                {
                    CommonName = MailComposer.Clean(attendee.Name).Replace("\"", "'", StringComparison.Ordinal),
                    Role = ParticipationRole.RequiredParticipant,
                    ParticipationStatus = EventParticipationStatus.Accepted,
                });
            }

            calendar.Events.Add(vevent);
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? throw new InvalidOperationException("Ical.Net wrote no calendar.");
    }
}
