namespace Slots.Application.Slots;

/// <summary>Who booked a slot and when; <see cref="CancelledAt"/> is set once the booking was cancelled.</summary>
public sealed record BookingResponse
{
    public required string CustomerId { get; init; }
    public required string CustomerEmail { get; init; }
    public required string CustomerName { get; init; }
    public required DateTime BookedAt { get; init; }
    public DateTime? CancelledAt { get; init; }
}
