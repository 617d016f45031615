using Slots.Domain.Slots;

namespace Slots.Application.Events;

/// <summary>A slot without its bookings list: its seats are in <see cref="BookedCount"/> and <see cref="HeldCount"/>.</summary>
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

    /// <summary>Seat holds not ended when the event was written (one past its time ends with <c>slots.hold.expired</c>).</summary>
    public required int HeldCount { get; init; }
    public required SlotStatus Status { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public required int Version { get; init; }
}
