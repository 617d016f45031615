using System.Text.Json.Serialization;
using Slots.Application.Common.Idempotency;
using Slots.Domain.Slots;

namespace Slots.Application.Slots;

/// <summary>The specialist's view of a slot, bookings included.</summary>
public sealed record SlotResponse : IReplayableResponse
{
    public required Guid Id { get; init; }

    /// <summary>The series the slot was made in (<c>POST /series</c>), if any.</summary>
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

    /// <summary>Minutes between the two instants.</summary>
    public required int Duration { get; init; }
    public required int TotalCapacity { get; init; }
    public required int BookedCount { get; init; }

    /// <summary>
    /// Seats held for customers while they confirm (<c>POST .../holds</c>): holds not ended yet. One past its time keeps no
    /// seat, and the sweep ends it within <c>Slots:Holds:SweepSeconds</c>.
    /// </summary>
    public required int HeldCount { get; init; }

    /// <summary>Customers in the slot's waitlist now (<c>GET .../waitlist</c> lists them in order).</summary>
    public required int WaitingCount { get; init; }
    public required SlotStatus Status { get; init; }

    /// <summary>What the slot changes of its specialist's policy; each part null follows the specialist's.</summary>
    public required PolicyOverride Policy { get; init; }
    public bool IsFullyBooked => BookedCount >= TotalCapacity;
    public required IReadOnlyList<BookingResponse> Bookings { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }

    /// <summary>1 when created, one more with every change, bookings included: the slot's <c>ETag</c> is made of it.</summary>
    public required int Version { get; init; }

    [JsonIgnore]
    public bool Replayed { get; init; }

    public IReplayableResponse AsReplayed() => this with { Replayed = true };
}
