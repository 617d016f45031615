using Slots.Application.Notifications;
using Slots.Domain.Slots;

namespace Slots.Infrastructure.Notifications;

/// <summary>
/// A notification this process claimed, with what its message says, read at the claim (so a message always tells the
/// booking as it stands, and its invite carries the booking's current <c>SEQUENCE</c>). The booking's fields are null when
/// it is gone.
/// </summary>
internal sealed record ClaimedNotification(
    Guid Id, NotificationKind Kind, NotificationRecipient Recipient, int Attempt, DateTime CreatedAt, DateTime ClaimedAt, BookingState? Booking);

/// <summary>A booking and its slot as a message tells them.</summary>
/// <param name="Date">The slot's local date, in <see cref="Timezone"/>, with its local start and end.</param>
/// <param name="CustomerTimezone">The customer's own IANA zone, when the booking says.</param>
/// <param name="CancelledBy">Who cancelled it, once cancelled.</param>
/// <param name="CancellationReason">Why, when they said.</param>
/// <param name="SkipReason">For a waitlist place a freed seat passed by, the code of the rule that kept the customer out.</param>
internal sealed record BookingState(
    Guid BookingId, string CustomerEmail, string CustomerName, DateTime? CancelledAt, int Sequence, string SpecialistEmail,
    DateTime StartsAt, DateTime EndsAt, DateOnly Date, TimeOnly StartTime, TimeOnly EndTime, string Timezone, string? ServiceId,
    string? CustomerTimezone = null, CancelledBy? CancelledBy = null, string? CancellationReason = null, string? SkipReason = null);
