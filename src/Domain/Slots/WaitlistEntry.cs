namespace Slots.Domain.Slots;

/// <summary>
/// One customer's place in a full slot's waitlist. Places are taken in the order customers joined
/// (<see cref="Position"/>); an entry stays on record once it ends, with how it ended.
/// </summary>
public sealed class WaitlistEntry
{
    // Stryker disable once all: EF Core's constructor for materializing a row; no rule lives in it.
    private WaitlistEntry()
    {
        // For EF Core.
        CustomerId = string.Empty;
        CustomerEmail = string.Empty;
        CustomerName = string.Empty;
    }

    internal WaitlistEntry(Guid slotId, Customer customer, DateTime joinedAt)
    {
        Id = Guid.CreateVersion7(new DateTimeOffset(joinedAt, TimeSpan.Zero));
        SlotId = slotId;
        CustomerId = customer.Id;
        CustomerEmail = customer.Email;
        CustomerName = customer.Name;
        CustomerTimezone = customer.Timezone;
        JoinedAt = joinedAt;
        Status = WaitlistStatus.Waiting;
    }

    /// <summary>Entry id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The slot waited for.</summary>
    public Guid SlotId { get; private set; }

    /// <summary>
    /// The order of joining, given by the database as the entry is stored: joins to one slot take its row lock, so a later
    /// join has a higher position. 0 until stored.
    /// </summary>
    public long Position { get; private set; }

    /// <summary>The customer's id.</summary>
    public string CustomerId { get; private set; }

    /// <summary>The customer's email, lower case.</summary>
    public string CustomerEmail { get; private set; }

    /// <summary>The customer's display name.</summary>
    public string CustomerName { get; private set; }

    /// <summary>The customer's IANA zone, when they gave it: a booking from the waitlist keeps it.</summary>
    public string? CustomerTimezone { get; private set; }

    /// <summary>When the customer joined (UTC).</summary>
    public DateTime JoinedAt { get; private set; }

    /// <summary>Where the entry stands.</summary>
    public WaitlistStatus Status { get; private set; }

    /// <summary>When the entry stopped waiting (UTC); null while it waits.</summary>
    public DateTime? EndedAt { get; private set; }

    /// <summary>For a <see cref="WaitlistStatus.Skipped"/> entry, the code of the rule that kept the customer out (<c>booking_limit_reached</c>, ...).</summary>
    public string? SkipReason { get; private set; }

    /// <summary>For a <see cref="WaitlistStatus.Booked"/> entry, the booking it became.</summary>
    public Guid? BookingId { get; private set; }

    /// <summary>True while the customer is in line.</summary>
    public bool IsWaiting => Status == WaitlistStatus.Waiting;

    /// <summary>The customer as a booking from the waitlist names them.</summary>
    public Customer Customer => new(CustomerId, CustomerEmail, CustomerName, CustomerTimezone);

    internal void End(WaitlistStatus status, DateTime at, Guid? bookingId = null, string? skipReason = null) =>
        (Status, EndedAt, BookingId, SkipReason) = (status, at, bookingId, skipReason);
}
