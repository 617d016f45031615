using System.Text.Json.Serialization;
using Slots.Application.Common.Idempotency;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.BookSlot;

/// <summary>What a customer gets back after booking.</summary>
public sealed record BookingConfirmation(
    Guid SlotId,
    string CustomerId,
    string CustomerEmail,
    string CustomerName,
    DateTime BookedAt,
    DateTime StartsAt,
    DateTime EndsAt,
    DateOnly Date,
    TimeOnly StartTime,
    TimeOnly EndTime,
    string Timezone) : IReplayableResponse
{
    /// <summary>The booking's id: its reference, and the <c>UID</c> of its calendar invite.</summary>
    public required Guid BookingId { get; init; }

    /// <summary>Until when the customer may cancel (UTC).</summary>
    public required DateTime CancellableUntil { get; init; }

    /// <summary>The policy the booking was made under, kept whatever the specialist changes later.</summary>
    public required BookingPolicy Policy { get; init; }

    [JsonIgnore]
    public bool Replayed { get; init; }

    public IReplayableResponse AsReplayed() => this with { Replayed = true };
}
