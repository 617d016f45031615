using Slots.Domain.Slots;

namespace Slots.Application.Slots.ListMyBookings;

/// <summary>One of the caller's bookings with the slot it holds a seat in: enough to show it and to cancel it.</summary>
public sealed record MyBookingResponse
{
    public required Guid SlotId { get; init; }
    public required string SpecialistEmail { get; init; }
    public string? ServiceId { get; init; }
    public required DateOnly Date { get; init; }
    public required TimeOnly StartTime { get; init; }
    public required TimeOnly EndTime { get; init; }
    public required string Timezone { get; init; }
    public required DateTime StartsAt { get; init; }
    public required DateTime EndsAt { get; init; }
    public required int Duration { get; init; }
    public required string CustomerId { get; init; }
    public required string CustomerName { get; init; }
    public required DateTime BookedAt { get; init; }
    public required Guid BookingId { get; init; }

    /// <summary>Until when the customer may cancel; after it only the specialist can.</summary>
    public required DateTime CancellableUntil { get; init; }

    /// <summary>Until when the customer may move the booking to another slot.</summary>
    public required DateTime ReschedulableUntil { get; init; }

    /// <summary>The policy the booking was made under (whether a cancellation must give a reason, among others).</summary>
    public required BookingPolicy Policy { get; init; }
}
