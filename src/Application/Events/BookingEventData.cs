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
    public static BookingEventData Of(Booking booking, Slot slot) =>
        new(new BookingIds(booking.Id, booking.CustomerId, booking.BookedAt, booking.CancelledAt), slot.ToSummary());

    /// <summary>A booking as events carry it: who (by id) and when.</summary>
    public sealed record BookingIds(Guid BookingId, string CustomerId, DateTime BookedAt, DateTime? CancelledAt);
}
