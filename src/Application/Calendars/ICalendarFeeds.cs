namespace Slots.Application.Calendars;

/// <summary>The owners' feeds, and what each shows.</summary>
public interface ICalendarFeeds
{
    /// <summary>The owner's feed; null when they have none (never issued, or turned off).</summary>
    Task<CalendarFeed?> FindAsync(CalendarOwner owner, CancellationToken cancellationToken);

    /// <summary>Issues the owner's feed, or a new token for it: the old URL stops at once.</summary>
    Task<CalendarFeed> IssueAsync(CalendarOwner owner, DateTime now, CancellationToken cancellationToken);

    /// <summary>Turns the owner's feed off; false when they had none.</summary>
    Task<bool> DeleteAsync(CalendarOwner owner, CancellationToken cancellationToken);

    /// <summary>Whose feed the token opens; null for none.</summary>
    Task<CalendarOwner?> OwnerOfAsync(string token, CancellationToken cancellationToken);

    /// <summary>
    /// What the owner's feed shows, soonest first, at most <see cref="MaxSessions"/>: a specialist's slots, a customer's live
    /// bookings, those ending after <paramref name="from"/>.
    /// </summary>
    Task<IReadOnlyList<CalendarSession>> SessionsAsync(CalendarOwner owner, DateTime from, CancellationToken cancellationToken);

    /// <summary>The customer's live booking in the slot as an event; null when they hold none.</summary>
    Task<CalendarSession?> BookingAsync(Guid slotId, string customerId, CancellationToken cancellationToken);

    /// <summary>The most events a feed holds: more than two years of a full weekly series.</summary>
    public const int MaxSessions = 2000;

    /// <summary>How far back a feed reaches: a month of past sessions.</summary>
    public static readonly TimeSpan History = TimeSpan.FromDays(30);
}
