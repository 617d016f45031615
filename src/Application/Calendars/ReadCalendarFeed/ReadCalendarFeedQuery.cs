using Mediator;

namespace Slots.Application.Calendars.ReadCalendarFeed;

/// <summary>
/// A feed by its token, as a calendar app subscribes to it: anonymous (calendar apps send no bearer token), the token the
/// only key. iCalendar text, nothing but the owner's own sessions.
/// </summary>
public sealed record ReadCalendarFeedQuery(string Token) : IQuery<string>;
