using System.Text.Json.Serialization;
using Slots.Application.Common.Idempotency;

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
    [JsonIgnore]
    public bool Replayed { get; init; }

    public IReplayableResponse AsReplayed() => this with { Replayed = true };
}
