using Slots.Application.Slots;
using Slots.Domain.Slots;

namespace Slots.Application.Events;

/// <summary>
/// <c>data</c> of a booking event: the booking, and the slot it is in, without the slot's other bookings (a booking
/// loads only its own customer's, so listing "the" bookings would show a partial load as the whole).
/// </summary>
public sealed record BookingEventData(BookingResponse Booking, SlotSummary Slot)
{
    public static BookingEventData Of(Booking booking, Slot slot) => new(SlotMapper.MapBooking(booking), slot.ToSummary());
}
