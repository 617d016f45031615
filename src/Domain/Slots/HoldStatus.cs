namespace Slots.Domain.Slots;

/// <summary>Where a seat hold stands. Only a <see cref="Live"/> hold before its <see cref="SeatHold.ExpiresAt"/> keeps a seat.</summary>
public enum HoldStatus
{
    /// <summary>Keeps a seat until it expires; once past <see cref="SeatHold.ExpiresAt"/> it keeps nothing, ended or not.</summary>
    Live,

    /// <summary>The customer booked the seat with it (<see cref="SeatHold.BookingId"/>).</summary>
    Booked,

    /// <summary>The customer (or an admin, or a service for them) let the seat go.</summary>
    Released,

    /// <summary>Its time ran out; the sweep, or the next command that needed its seat, ended it.</summary>
    Expired,
}
