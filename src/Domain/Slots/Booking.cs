namespace Slots.Domain.Slots;

/// <summary>
/// One customer's seat in a slot. A cancelled booking stays on record with its cancellation time;
/// only live bookings (not cancelled) hold a seat.
/// </summary>
public sealed class Booking
{
    private Booking()
    {
        CustomerId = string.Empty;
        CustomerEmail = string.Empty;
        CustomerName = string.Empty;
    }

    internal Booking(Guid slotId, Customer customer, DateTime bookedAt)
    {
        Id = Guid.CreateVersion7(bookedAt);
        SlotId = slotId;
        CustomerId = customer.Id;
        CustomerEmail = customer.Email;
        CustomerName = customer.Name;
        CustomerTimezone = customer.Timezone;
        BookedAt = bookedAt;
    }

    /// <summary>Booking id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The slot this booking belongs to.</summary>
    public Guid SlotId { get; private set; }

    /// <summary>The customer's id.</summary>
    public string CustomerId { get; private set; }

    /// <summary>The customer's email, lower case.</summary>
    public string CustomerEmail { get; private set; }

    /// <summary>The customer's display name.</summary>
    public string CustomerName { get; private set; }

    /// <summary>The customer's IANA zone, when they gave it (the UI sends the browser's); null otherwise.</summary>
    public string? CustomerTimezone { get; private set; }

    /// <summary>When the booking was made (UTC).</summary>
    public DateTime BookedAt { get; private set; }

    /// <summary>When the booking was cancelled (UTC), or null while it is live.</summary>
    public DateTime? CancelledAt { get; private set; }

    /// <summary>
    /// The revision of the booking's calendar invite (iCalendar's <c>SEQUENCE</c>): 0 when booked, one more at every change
    /// of its times and at its cancellation, so that a calendar applies each update and never an older one after it.
    /// </summary>
    public int Sequence { get; private set; }

    /// <summary>True while the booking holds a seat.</summary>
    public bool IsLive => CancelledAt is null;

    internal void Cancel(DateTime at)
    {
        CancelledAt = at;
        Sequence++;
    }

    /// <summary>Its slot's times changed: the invite is revised.</summary>
    internal void Reschedule() => Sequence++;
}
