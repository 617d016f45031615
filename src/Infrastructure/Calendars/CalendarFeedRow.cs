using Slots.Application.Calendars;

namespace Slots.Infrastructure.Calendars;

/// <summary>
/// A row of <c>calendar_feeds</c>: one per owner and kind. The token is kept as its SHA-256 (the look-up) and sealed with
/// the key ring (to show the owner their URL again); rotating replaces both, so the old URL stops at once.
/// </summary>
internal sealed class CalendarFeedRow(CalendarKind kind, string issuer, string subject, byte[] tokenHash, string sealedToken, DateTime issuedAt)
{
    public CalendarKind Kind { get; private set; } = kind;

    public string Issuer { get; private set; } = issuer;

    public string Subject { get; private set; } = subject;

    public byte[] TokenHash { get; set; } = tokenHash;

    public string SealedToken { get; set; } = sealedToken;

    public DateTime IssuedAt { get; set; } = issuedAt;
}
