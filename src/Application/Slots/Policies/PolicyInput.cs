using System.Text.Json.Serialization;
using Slots.Application.Common.Json;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.Policies;

/// <summary>
/// A policy as a request states it: a specialist's (each part left out takes its default) or a slot's or series'
/// override (each part left out follows the specialist's policy). A reschedule notice left out of a specialist's policy
/// is their cancellation notice; a waitlist left out is off.
/// </summary>
public sealed record PolicyInput(
    int? BookingNoticeMinutes = null,
    int? CancelNoticeMinutes = null,
    [property: JsonConverter(typeof(ExactEnumConverter<ReasonRule>))] ReasonRule? CancellationReason = null,
    int? RescheduleNoticeMinutes = null,
    bool? Waitlist = null)
{
    /// <summary>The specialist's policy: the parts left out take <see cref="BookingPolicy.Default"/>'s.</summary>
    public BookingPolicy ToPolicy() => BookingPolicy.Create(
        BookingNoticeMinutes ?? BookingPolicy.Default.BookingNoticeMinutes,
        CancelNoticeMinutes ?? BookingPolicy.Default.CancelNoticeMinutes,
        CancellationReason ?? BookingPolicy.Default.CancellationReason,
        RescheduleNoticeMinutes,
        Waitlist ?? BookingPolicy.Default.Waitlist);

    /// <summary>A slot's override: the parts left out follow the specialist's policy.</summary>
    public PolicyOverride ToOverride() =>
        PolicyOverride.Create(BookingNoticeMinutes, CancelNoticeMinutes, CancellationReason, RescheduleNoticeMinutes, Waitlist);
}
