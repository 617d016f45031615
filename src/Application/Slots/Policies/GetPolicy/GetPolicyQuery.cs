using Mediator;
using Slots.Domain.Slots;

namespace Slots.Application.Slots.Policies.GetPolicy;

/// <summary>A specialist's policy, for anyone: a customer reads it before booking.</summary>
public sealed record GetPolicyQuery(string SpecialistEmail) : IQuery<BookingPolicy>;
