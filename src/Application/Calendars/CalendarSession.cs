namespace Slots.Application.Calendars;

/// <summary>
/// One event of a calendar: a booking (its <c>UID</c> the one its mail invites carry) or a specialist's slot. Times UTC;
/// <see cref="Stamp"/> is when it last changed, so that the same content writes the same text (and the same ETag).
/// </summary>
public sealed record CalendarSession(
    string Uid,
    int Sequence,
    DateTime StartsAt,
    DateTime EndsAt,
    DateTime Stamp,
    string Summary,
    string Description,
    string OrganizerEmail,
    IReadOnlyList<CalendarAttendee> Attendees,
    bool Cancelled = false,
    bool Tentative = false);

/// <summary>Someone booked into a session.</summary>
public sealed record CalendarAttendee(string Email, string Name);
