namespace Slots.Application.Slots.ListMyWaitlist;

/// <summary>One of the caller's waitlist entries with the slot it waits for: enough to show it and to leave.</summary>
public sealed record MyWaitlistEntryResponse
{
    public required WaitlistEntryResponse Entry { get; init; }
    public required string SpecialistEmail { get; init; }
    public string? ServiceId { get; init; }
    public required DateOnly Date { get; init; }
    public required TimeOnly StartTime { get; init; }
    public required TimeOnly EndTime { get; init; }
    public required string Timezone { get; init; }
    public required DateTime StartsAt { get; init; }
    public required DateTime EndsAt { get; init; }
    public required int TotalCapacity { get; init; }

    /// <summary>Customers in the slot's line now.</summary>
    public required int WaitingCount { get; init; }
}
