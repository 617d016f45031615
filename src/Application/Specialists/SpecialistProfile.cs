namespace Slots.Application.Specialists;

/// <summary>
/// Who a customer is booking: the specialist's public face. <see cref="DisplayName"/> is null until the specialist saves
/// a profile (a handle claimed by a first slot has none yet), and so are <see cref="Introduction"/> and
/// <see cref="Timezone"/> until given.
/// </summary>
public sealed record SpecialistProfile(
    string Email, string? DisplayName, string? Introduction, string? Timezone, IReadOnlyList<ServiceOffer> Services);
