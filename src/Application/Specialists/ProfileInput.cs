namespace Slots.Application.Specialists;

/// <summary>
/// A profile as a request states it, replaced whole: a part left out is cleared, but for <see cref="DisplayName"/>, which
/// then takes the sign-in name.
/// </summary>
public sealed record ProfileInput(
    string? DisplayName = null, string? Introduction = null, string? Timezone = null, IReadOnlyList<ServiceOffer>? Services = null);
