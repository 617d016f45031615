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

    /// <summary>Until when the customer may move the booking to another slot (UTC).</summary>
    public required DateTime ReschedulableUntil { get; init; }

    /// <summary>The policy the booking was made under, kept whatever the specialist changes later.</summary>
    public required BookingPolicy Policy { get; init; }

    /// <summary>The slots the booking was moved out of, the first first; empty for a booking that never moved.</summary>
    public IReadOnlyList<Guid> MovedFrom { get; init; } = [];

    [JsonIgnore]
    public bool Replayed { get; init; }

    /// <summary>The booking as it stands in <paramref name="slot"/>.</summary>
    public static BookingConfirmation Of(Booking booking, Slot slot) =>
        new(slot.Id, booking.CustomerId, booking.CustomerEmail, booking.CustomerName, booking.BookedAt,
            slot.StartsAt, slot.EndsAt, slot.Date, slot.StartTime, slot.EndTime, slot.Timezone)
        {
            BookingId = booking.Id,
            CancellableUntil = booking.CancellableUntil,
            ReschedulableUntil = booking.ReschedulableUntil,
            Policy = booking.Policy,
            MovedFrom = [.. booking.MovedFrom],
        };

    public IReplayableResponse AsReplayed() => this with { Replayed = true };
}
