namespace Slots.Domain.Slots;

/// <summary>
/// A seat kept for one customer for a few minutes, while they confirm (a host app takes their payment, say): while it is
/// live it counts against the slot's capacity wherever a booking does, and the customer's booking with it cannot be
/// refused for capacity. It stays on record once it ends, with how it ended.
/// </summary>
public sealed class SeatHold
{
    // Stryker disable once all: EF Core's constructor for materializing a row; no rule lives in it.
    private SeatHold()
    {
        // For EF Core.
        CustomerId = string.Empty;
        CustomerEmail = string.Empty;
        CustomerName = string.Empty;
    }

    internal SeatHold(Guid slotId, Customer customer, DateTime createdAt, DateTime expiresAt)
    {
        Id = Guid.CreateVersion7(new DateTimeOffset(createdAt, TimeSpan.Zero));
        SlotId = slotId;
        CustomerId = customer.Id;
        CustomerEmail = customer.Email;
        CustomerName = customer.Name;
        CustomerTimezone = customer.Timezone;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
        Status = HoldStatus.Live;
    }

    /// <summary>Hold id: what the booking names to use it.</summary>
    public Guid Id { get; private set; }

    /// <summary>The slot whose seat is held.</summary>
    public Guid SlotId { get; private set; }

    /// <summary>The customer's id.</summary>
    public string CustomerId { get; private set; }

    /// <summary>The customer's email, lower case.</summary>
    public string CustomerEmail { get; private set; }

    /// <summary>The customer's display name.</summary>
    public string CustomerName { get; private set; }

    /// <summary>The customer's IANA zone, when they gave it.</summary>
    public string? CustomerTimezone { get; private set; }

    /// <summary>When the hold was placed (UTC).</summary>
    public DateTime CreatedAt { get; private set; }

    /// <summary>When the hold stops keeping its seat (UTC), whether or not anything ends it then.</summary>
    public DateTime ExpiresAt { get; private set; }

    /// <summary>Where the hold stands.</summary>
    public HoldStatus Status { get; private set; }

    /// <summary>When the hold ended (UTC): booked, released, or its <see cref="ExpiresAt"/> once expired; null while live.</summary>
    public DateTime? EndedAt { get; private set; }

    /// <summary>For a <see cref="HoldStatus.Booked"/> hold, the booking it became.</summary>
    public Guid? BookingId { get; private set; }

    /// <summary>Whether the hold keeps its seat at <paramref name="now"/>: not ended and not past its time.</summary>
    public bool IsLiveAt(DateTime now) => Status == HoldStatus.Live && ExpiresAt > now;

    /// <summary>Whether the hold's time ran out and nothing has ended it yet.</summary>
    public bool HasLapsedBy(DateTime now) => Status == HoldStatus.Live && ExpiresAt <= now;

    internal void End(HoldStatus status, DateTime at, Guid? bookingId = null) => (Status, EndedAt, BookingId) = (status, at, bookingId);
}
