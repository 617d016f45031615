using System.Text.Json.Serialization;
using Slots.Application.Common.Idempotency;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.PlaceHold;

/// <summary>A seat hold: what its customer books with (<see cref="HoldId"/>), until when, and the seats the slot has left for others.</summary>
public sealed record HoldResponse : IReplayableResponse
{
    /// <summary>What <c>POST .../book</c> names as <c>holdId</c> to book the held seat.</summary>
    public required Guid HoldId { get; init; }
    public required Guid SlotId { get; init; }
    public required string CustomerId { get; init; }
    public required DateTime CreatedAt { get; init; }

    /// <summary>When the hold stops keeping the seat (UTC): its time to live, or the moment booking closes if that is sooner.</summary>
    public required DateTime ExpiresAt { get; init; }
    public required HoldStatus Status { get; init; }

    /// <summary>Seats nobody books or holds, this hold counted, when the hold was placed.</summary>
    public required int SeatsLeft { get; init; }

    [JsonIgnore]
    public bool Replayed { get; init; }

    public static HoldResponse Of(SeatHold hold, Slot slot, DateTimeOffset now) => new()
    {
        HoldId = hold.Id,
        SlotId = slot.Id,
        CustomerId = hold.CustomerId,
        CreatedAt = hold.CreatedAt,
        ExpiresAt = hold.ExpiresAt,
        Status = hold.Status,
        SeatsLeft = slot.SeatsLeft(now),
    };

    public IReplayableResponse AsReplayed() => this with { Replayed = true };
}
