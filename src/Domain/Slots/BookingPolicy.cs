using Slots.Domain.Common;

namespace Slots.Domain.Slots;

/// <summary>
/// "Cancel if allowed": how late a slot may be booked and a booking cancelled or moved by its customer, whether a
/// cancellation must say why, and whether a full slot takes a waitlist. Notices are minutes of real time before the slot's start (across a daylight-saving change the local
/// clock shows an hour more or less). A specialist sets one for all their slots; a slot may override any part of it
/// (<see cref="PolicyOverride"/>); a booking keeps the one that applied when it was made.
/// </summary>
/// <param name="BookingNoticeMinutes">A slot can be booked until this long before it starts.</param>
/// <param name="CancelNoticeMinutes">A customer can cancel until this long before the start.</param>
/// <param name="CancellationReason">Whether a cancellation must give a reason.</param>
/// <param name="RescheduleNoticeMinutes">A customer can move their booking until this long before the start; null: as long as they can cancel.</param>
/// <param name="Waitlist">Whether customers may join a full slot's waitlist, which books them as seats free.</param>
public sealed record BookingPolicy(
    int BookingNoticeMinutes, int CancelNoticeMinutes, ReasonRule CancellationReason, int? RescheduleNoticeMinutes = null, bool Waitlist = false)
{
    /// <summary>No notice either way, a reason optional: what applies until a specialist sets a policy.</summary>
    public static BookingPolicy Default { get; } = new(0, 0, ReasonRule.Optional);

    /// <summary>A policy whose parts are in range.</summary>
    /// <exception cref="DomainException"><c>invalid_policy</c> for a notice outside 0..<see cref="SlotLimits.MaxNoticeMinutes"/>.</exception>
    public static BookingPolicy Create(
        int bookingNoticeMinutes, int cancelNoticeMinutes, ReasonRule cancellationReason, int? rescheduleNoticeMinutes = null, bool waitlist = false)
    {
        EnsureNotice(bookingNoticeMinutes, "bookingNoticeMinutes");
        EnsureNotice(cancelNoticeMinutes, "cancelNoticeMinutes");
        EnsureNotice(rescheduleNoticeMinutes, "rescheduleNoticeMinutes");
        if (!Enum.IsDefined(cancellationReason))
        {
            throw new ArgumentOutOfRangeException(nameof(cancellationReason), cancellationReason, "Not a reason rule.");
        }

        return new BookingPolicy(bookingNoticeMinutes, cancelNoticeMinutes, cancellationReason, rescheduleNoticeMinutes, waitlist);
    }

    /// <summary>The last instant a slot starting at <paramref name="startsAt"/> may be booked.</summary>
    public DateTime BookableUntil(DateTime startsAt) => startsAt.AddMinutes(-BookingNoticeMinutes);

    /// <summary>The last instant a customer may cancel a booking of a slot starting at <paramref name="startsAt"/>.</summary>
    public DateTime CancellableUntil(DateTime startsAt) => startsAt.AddMinutes(-CancelNoticeMinutes);

    /// <summary>The last instant a customer may move a booking of a slot starting at <paramref name="startsAt"/> to another slot.</summary>
    public DateTime ReschedulableUntil(DateTime startsAt) => startsAt.AddMinutes(-(RescheduleNoticeMinutes ?? CancelNoticeMinutes));

    internal static void EnsureNotice(int? minutes, string field)
    {
        if (minutes is < 0 or > SlotLimits.MaxNoticeMinutes)
        {
            throw SlotErrors.NoticeOutOfRange(field, minutes.Value);
        }
    }
}
