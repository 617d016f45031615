namespace Slots.Domain.Slots;

/// <summary>
/// One customer's seat in a slot. A cancelled booking stays on record with its cancellation time;
/// only live bookings (not cancelled) hold a seat.
/// </summary>
public sealed class Booking
{
    // Stryker disable once all: EF Core's constructor for materializing a row; no rule lives in it.
    private Booking()
    {
        CustomerId = string.Empty;
        CustomerEmail = string.Empty;
        CustomerName = string.Empty;
        Policy = BookingPolicy.Default;
    }

    internal Booking(Guid slotId, Customer customer, DateTime bookedAt, BookingPolicy policy, DateTime startsAt)
    {
        Id = Guid.CreateVersion7(bookedAt);
        SlotId = slotId;
        CustomerId = customer.Id;
        CustomerEmail = customer.Email;
        CustomerName = customer.Name;
        CustomerTimezone = customer.Timezone;
        BookedAt = bookedAt;
        Policy = policy;
        CancellableUntil = policy.CancellableUntil(startsAt);
        ReschedulableUntil = policy.ReschedulableUntil(startsAt);
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

    /// <summary>The policy that applied when the booking was made: what the customer was promised, whatever changes later.</summary>
    public BookingPolicy Policy { get; private set; }

    /// <summary>
    /// Until when the customer may cancel (UTC): the slot's start less the policy's cancellation notice, or the start itself
    /// once the specialist has moved the slot (the notice binds the customer to the times they chose, not to new ones).
    /// </summary>
    public DateTime CancellableUntil { get; private set; }

    /// <summary>
    /// Until when the customer may move the booking to another slot (UTC): the start less the policy's reschedule notice
    /// (its cancellation notice when it sets none), or the start itself once the specialist has moved the slot.
    /// </summary>
    public DateTime ReschedulableUntil { get; private set; }

    /// <summary>Who cancelled the booking; null while it is live (and for cancellations recorded before this was kept).</summary>
    public CancelledBy? CancelledBy { get; private set; }

    /// <summary>Why the booking was cancelled, when the canceller said.</summary>
    public string? CancellationReason { get; private set; }

    /// <summary>Whether the cancellation came after <see cref="CancellableUntil"/>: the specialist or an admin overrode the policy.</summary>
    public bool CancelledLate { get; private set; }

    /// <summary>
    /// The revision of the booking's calendar invite (iCalendar's <c>SEQUENCE</c>): 0 when booked, one more at every change
    /// of its times and at its cancellation, so that a calendar applies each update and never an older one after it.
    /// </summary>
    public int Sequence { get; private set; }

    /// <summary>The slots the booking was moved out of, the first first: where it has been before <see cref="SlotId"/>.</summary>
    public List<Guid> MovedFrom { get; private set; } = [];

    /// <summary>True while the booking holds a seat.</summary>
    public bool IsLive => CancelledAt is null;

    internal void Cancel(DateTime at, CancelledBy by, string? reason)
    {
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var late = at > CancellableUntil;
        if (late && by is Slots.CancelledBy.Customer or Slots.CancelledBy.Service)
        {
            throw SlotErrors.CancellationWindowClosed(CancellableUntil);
        }

        if (why is null && Policy.CancellationReason == ReasonRule.Required)
        {
            throw SlotErrors.CancellationReasonRequired();
        }

        (CancelledAt, CancelledBy, CancellationReason, CancelledLate) = (at, by, why, late);
        Sequence++;
    }

    /// <summary>
    /// Moved to the slot <paramref name="slotId"/> starting at <paramref name="startsAt"/>, in place: the same booking (and
    /// invite), revised; it takes <paramref name="policy"/>, the one a new booking there would have.
    /// </summary>
    internal void MoveTo(Guid slotId, DateTime startsAt, BookingPolicy policy)
    {
        MovedFrom = [.. MovedFrom, SlotId];
        SlotId = slotId;
        Policy = policy;
        CancellableUntil = policy.CancellableUntil(startsAt);
        ReschedulableUntil = policy.ReschedulableUntil(startsAt);
        Sequence++;
    }

    /// <summary>Its slot's times changed (to start at <paramref name="startsAt"/>): the invite is revised, and the customer may cancel until the start.</summary>
    internal void Reschedule(DateTime startsAt)
    {
        Sequence++;
        CancellableUntil = startsAt;
        ReschedulableUntil = startsAt;
    }
}
