using Mediator;

namespace Slots.Application.Specialists.GetProfile;

/// <summary>A specialist's public profile, for anyone: the booking page heads with it.</summary>
public sealed record GetProfileQuery(string SpecialistEmail) : IQuery<SpecialistProfile>;
