namespace Slots.Domain.Slots;

/// <summary>Where a customer's place in a slot's waitlist stands.</summary>
public enum WaitlistStatus
{
    /// <summary>In line: a seat that frees goes to the first waiting customer who may still book it.</summary>
    Waiting,

    /// <summary>A seat freed and the customer was booked into it (<see cref="WaitlistEntry.BookingId"/>).</summary>
    Booked,

    /// <summary>The customer, the specialist or an admin took the place out of line.</summary>
    Left,

    /// <summary>A seat freed while the customer could no longer book it (<see cref="WaitlistEntry.SkipReason"/>).</summary>
    Skipped,
}
