namespace Slots.Domain.Slots;

/// <summary>
/// What a slot (or every slot of a series) changes of its specialist's <see cref="BookingPolicy"/>: each part set here
/// wins, each part left null follows the specialist's policy, whenever it changes.
/// </summary>
public sealed record PolicyOverride(
    int? BookingNoticeMinutes = null, int? CancelNoticeMinutes = null, ReasonRule? CancellationReason = null, int? RescheduleNoticeMinutes = null,
    bool? Waitlist = null)
{
    /// <summary>Nothing overridden: the specialist's policy applies as it is.</summary>
    public static PolicyOverride None { get; } = new();

    /// <summary>An override whose parts are in range.</summary>
    /// <exception cref="Common.DomainException"><c>invalid_policy</c> for a notice outside 0..<see cref="SlotLimits.MaxNoticeMinutes"/>.</exception>
    public static PolicyOverride Create(
        int? bookingNoticeMinutes, int? cancelNoticeMinutes, ReasonRule? cancellationReason, int? rescheduleNoticeMinutes = null,
        bool? waitlist = null)
    {
        BookingPolicy.EnsureNotice(bookingNoticeMinutes, "bookingNoticeMinutes");
        BookingPolicy.EnsureNotice(cancelNoticeMinutes, "cancelNoticeMinutes");
        BookingPolicy.EnsureNotice(rescheduleNoticeMinutes, "rescheduleNoticeMinutes");
        if (cancellationReason is { } rule && !Enum.IsDefined(rule))
        {
            throw new ArgumentOutOfRangeException(nameof(cancellationReason), cancellationReason, "Not a reason rule.");
        }

        return new PolicyOverride(bookingNoticeMinutes, cancelNoticeMinutes, cancellationReason, rescheduleNoticeMinutes, waitlist);
    }

    /// <summary>The policy that applies: this override's parts over <paramref name="specialists"/>.</summary>
    public BookingPolicy Over(BookingPolicy specialists)
    {
        ArgumentNullException.ThrowIfNull(specialists);
        return new BookingPolicy(
            BookingNoticeMinutes ?? specialists.BookingNoticeMinutes,
            CancelNoticeMinutes ?? specialists.CancelNoticeMinutes,
            CancellationReason ?? specialists.CancellationReason,
            RescheduleNoticeMinutes ?? specialists.RescheduleNoticeMinutes,
            Waitlist ?? specialists.Waitlist);
    }
}
