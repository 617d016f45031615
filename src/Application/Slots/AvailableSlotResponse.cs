namespace Slots.Application.Slots;

/// <summary>
/// The customer's view of a bookable slot: no bookings (other customers' data), seats left instead; a full slot is listed
/// only when asked for (<c>includeFull</c>) and its waitlist is open.
/// </summary>
public sealed record AvailableSlotResponse
{
    public required Guid Id { get; init; }
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
    public required int RemainingCapacity { get; init; }

    /// <summary>True for a full slot listed because its waitlist takes customers (<c>POST .../waitlist</c>); false otherwise.</summary>
    public required bool WaitlistOpen { get; init; }

    /// <summary>Customers waiting for a seat.</summary>
    public required int WaitingCount { get; init; }
}
