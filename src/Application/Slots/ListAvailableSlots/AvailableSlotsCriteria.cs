using Slots.Domain.Common;

namespace Slots.Application.Slots.ListAvailableSlots;

/// <summary>
/// One request's values for a specialist's bookable slots: active, starting after <see cref="Earliest"/>, seats left,
/// local date in [<see cref="From"/>, <see cref="To"/>], of <see cref="ServiceId"/> or of no service when it is given,
/// soonest first, at most <see cref="Limit"/>.
/// </summary>
/// <remarks>
/// The view runs on every page load, so Infrastructure answers it with one hand-written statement that takes these values
/// (<see cref="ISlotReader.ListAvailableAsync"/>), and no expression tree is built per request. The tests state the same
/// meaning as an ordinary specification and prove, on PostgreSQL, that the statement's rows equal the ones EF reads for it.
/// </remarks>
public sealed class AvailableSlotsCriteria
{
    public AvailableSlotsCriteria(
        string specialistEmail, DateOnly from, DateOnly to, DateTime now, DateTime? startsAfter, int limit, string? serviceId = null)
    {
        ServiceId = serviceId;
        SpecialistEmail = EmailAddress.Normalize(specialistEmail);
        Now = now;
        Earliest = startsAfter is { } after && after > now ? after : now;
        From = from;
        To = to;
        Limit = limit;
    }

    public string SpecialistEmail { get; }

    /// <summary>The moment of the request: seat holds live then take seats.</summary>
    public DateTime Now { get; }

    /// <summary>Slots must start after this instant: now, or the page cursor when it is later.</summary>
    public DateTime Earliest { get; }

    public DateOnly From { get; }

    public DateOnly To { get; }

    /// <summary>The service asked for: its slots and those for all consulting (no service); null for every slot.</summary>
    public string? ServiceId { get; }

    /// <summary>Whether full slots whose waitlist is open are listed too (marked <see cref="AvailableSlotResponse.WaitlistOpen"/>).</summary>
    public bool IncludeFull { get; init; }

    /// <summary>A commit the rows must reflect (<see cref="Common.ReadPositions"/>), or null: a moment old will do.</summary>
    public string? ReadAfter { get; init; }

    /// <summary>Most rows to return.</summary>
    public int Limit { get; }
}
