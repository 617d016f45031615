using Slots.Domain.Slots;

namespace Slots.Application.Slots;

/// <summary>A customer's place in a slot's waitlist, as they and the slot's specialist see it.</summary>
public sealed record WaitlistEntryResponse
{
    public required Guid Id { get; init; }
    public required Guid SlotId { get; init; }
    public required string CustomerId { get; init; }
    public required string CustomerEmail { get; init; }
    public required string CustomerName { get; init; }
    public required DateTime JoinedAt { get; init; }
    public required WaitlistStatus Status { get; init; }

    /// <summary>1 for the first in line, while the entry waits; null once it has ended.</summary>
    public int? Position { get; init; }

    /// <summary>When the entry stopped waiting; null while it waits.</summary>
    public DateTime? EndedAt { get; init; }

    /// <summary>For a skipped entry, the code of the rule that kept the customer out (<c>booking_limit_reached</c>, <c>already_booked</c>).</summary>
    public string? SkipReason { get; init; }

    /// <summary>For an entry that became a booking, the booking's id.</summary>
    public Guid? BookingId { get; init; }
}
