using Slots.Application.Slots;
using Slots.Domain.Slots;

namespace Slots.Application.Common.Events;

/// <summary>
/// <c>data</c> of a slot event: the slot as the specialist's view shows it, its <c>version</c> included, so a consumer
/// can drop an event older than one it has applied.
/// </summary>
public sealed record SlotEventData(SlotResponse Slot)
{
    public static SlotEventData Of(Slot slot) => new(slot.ToResponse());
}

/// <summary>
/// <c>data</c> of a booking event: the booking, and the slot it is in, without the slot's other bookings (a booking
/// loads only its own customer's, so listing "the" bookings would show a partial load as the whole).
/// </summary>
public sealed record BookingEventData(BookingResponse Booking, SlotSummary Slot)
{
    public static BookingEventData Of(Booking booking, Slot slot) => new(SlotMapper.MapBooking(booking), slot.ToSummary());
}

/// <summary>A slot without its bookings list: its seats are in <see cref="BookedCount"/>.</summary>
public sealed record SlotSummary
{
    public required Guid Id { get; init; }
    public Guid? SeriesId { get; init; }
    public required string SpecialistId { get; init; }
    public required string SpecialistEmail { get; init; }
    public string? ServiceId { get; init; }
    public required DateOnly Date { get; init; }
    public required TimeOnly StartTime { get; init; }
    public required TimeOnly EndTime { get; init; }
    public required string Timezone { get; init; }
    public required DateTime StartsAt { get; init; }
    public required DateTime EndsAt { get; init; }
    public required int Duration { get; init; }
    public required int TotalCapacity { get; init; }
    public required int BookedCount { get; init; }
    public required SlotStatus Status { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public required int Version { get; init; }
}
