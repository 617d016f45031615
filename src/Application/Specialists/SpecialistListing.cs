namespace Slots.Application.Specialists;

/// <summary>A specialist in the directory: their profile, and when their next bookable slot starts (null: none now).</summary>
public sealed record SpecialistListing(
    string Email, string DisplayName, string? Introduction, string? Timezone, IReadOnlyList<ServiceOffer> Services,
    DateTime? NextOpenAt);
