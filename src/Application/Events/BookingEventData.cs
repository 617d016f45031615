using Slots.Application.Slots;
using Slots.Domain.Slots;

namespace Slots.Application.Events;

/// <summary>
/// <c>data</c> of a booking event: the booking by its ids, and the slot it is in, without the slot's other bookings (a
/// booking loads only its own customer's, so listing "the" bookings would show a partial load as the whole). No email and
/// no name: every subscriber and the feed would hold them for the events' lifetime; a consumer that needs them asks for
/// the slot with an authorized call.
/// </summary>
public sealed record BookingEventData(BookingEventData.BookingIds Booking, SlotSummary Slot)
{
    /// <summary>A cancellation's who, why and whether it came late (after the booking's <c>cancellableUntil</c>); null otherwise.</summary>
    public CancellationFacts? Cancellation { get; init; }

    /// <summary>For <c>slots.booking.created</c>: whether a freed seat went to the customer from the slot's waitlist; null for other events.</summary>
    public bool? FromWaitlist { get; init; }

    /// <summary>For <c>slots.booking.created</c>: the seat hold the booking was made with, if any; null otherwise.</summary>
    public Guid? HoldId { get; init; }

    /// <summary>A move's slot left (with its seats now), who moved the booking and why; null for other events.</summary>
    public MoveFacts? Move { get; init; }

    public static BookingEventData Of(Booking booking, Slot slot) =>
        new(new BookingIds(booking.Id, booking.CustomerId, booking.BookedAt, booking.CancelledAt), slot.ToSummary())
        {
            Cancellation = booking.CancelledBy is { } by ? new CancellationFacts(by, booking.CancellationReason, booking.CancelledLate) : null,
        };

    /// <summary>Who cancelled, the reason they gave, and whether the specialist or an admin overrode the policy.</summary>
    public sealed record CancellationFacts(CancelledBy By, string? Reason, bool Late);

    /// <summary>Where a moved booking came from (that slot as it is after the move: its seats), by whom and why.</summary>
    public sealed record MoveFacts(SlotSummary From, CancelledBy By, string? Reason);

    /// <summary>A booking as events carry it: who (by id) and when.</summary>
    public sealed record BookingIds(Guid BookingId, string CustomerId, DateTime BookedAt, DateTime? CancelledAt);
}
