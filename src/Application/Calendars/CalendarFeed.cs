namespace Slots.Application.Calendars;

/// <summary>An owner's feed: its secret token (the URL is the only key a calendar app can carry) and when it was issued.</summary>
public sealed record CalendarFeed(CalendarKind Kind, string Token, DateTime IssuedAt);
