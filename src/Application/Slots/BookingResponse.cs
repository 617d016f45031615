using Slots.Application.Events;
using Slots.Domain.Slots;

namespace Slots.Application.Slots;

/// <summary>
/// Who booked a slot and when, under which policy; once cancelled, when, by whom, why, and whether it was after
/// <see cref="CancellableUntil"/> (late: the specialist or an admin overrode the policy).
/// </summary>
public sealed record BookingResponse
{
    public required Guid Id { get; init; }
    public required string CustomerId { get; init; }
    public required string CustomerEmail { get; init; }
    public required string CustomerName { get; init; }
    public required DateTime BookedAt { get; init; }
    public required BookingPolicy Policy { get; init; }
    public required DateTime CancellableUntil { get; init; }

    /// <summary>Until when the customer may move the booking to another slot.</summary>
    public required DateTime ReschedulableUntil { get; init; }
    public DateTime? CancelledAt { get; init; }

    /// <summary>The slots the booking was moved out of, the first first; empty when it never moved.</summary>
    public IReadOnlyList<Guid> MovedFrom { get; init; } = [];

    /// <summary>Who cancelled, why, and whether late; null while the booking is live.</summary>
    public BookingEventData.CancellationFacts? Cancellation { get; init; }
}
