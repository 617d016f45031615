namespace Slots.Application.Calendars;

/// <summary>Writes iCalendar (RFC 5545) text.</summary>
public interface ICalendarWriter
{
    /// <summary>The UID of a booking's event, the same in every invite, feed and download.</summary>
    string BookingUid(Guid bookingId);

    /// <summary>The UID of a slot's event in its specialist's feed.</summary>
    string SlotUid(Guid slotId);

    /// <summary>
    /// A calendar of <paramref name="sessions"/>: with <paramref name="method"/> (iTIP: REQUEST, CANCEL) for an invite, without
    /// one for a feed or a file to import; <paramref name="name"/> names it in calendar apps.
    /// </summary>
    string Write(IReadOnlyList<CalendarSession> sessions, string? method, string name);
}
