namespace Slots.Application.Notifications;

/// <summary>
/// One message about one booking to one of its two sides, or to a waiting customer a freed seat passed by. No address: it is
/// read from the booking when sent (or kept with the message, for a cancellation and a waitlist place).
/// </summary>
/// <param name="EventId">The event it tells of (in the feed while it is kept).</param>
/// <param name="BookingId">The booking it is about; null for a waitlist place's message.</param>
/// <param name="WaitlistEntryId">The waitlist place it is about (<c>waitlist_skipped</c>); null otherwise.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="NextAttemptAt">When it is tried next (pending), or until when the attempt in flight holds it (sending).</param>
/// <param name="LastError">What went wrong at the last failed attempt.</param>
public sealed record NotificationResponse(
    Guid Id, Guid EventId, Guid? BookingId, NotificationRecipient Recipient, NotificationKind Kind, NotificationStatus Status,
    int Attempts, DateTime CreatedAt, DateTime? NextAttemptAt, string? LastError, DateTime? SentAt, Guid? WaitlistEntryId = null);
