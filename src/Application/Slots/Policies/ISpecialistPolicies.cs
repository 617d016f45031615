using Slots.Domain.Slots;

namespace Slots.Application.Slots.Policies;

/// <summary>The policy each specialist sets for all their slots, kept with their public handle.</summary>
public interface ISpecialistPolicies
{
    /// <summary>The policy of the specialist whose handle <paramref name="email"/> is; null when no specialist has it.</summary>
    Task<BookingPolicy?> FindAsync(string email, CancellationToken cancellationToken);

    /// <summary>Replaces the policy of the handle's specialist; false when no specialist has the handle.</summary>
    Task<bool> SaveAsync(string email, BookingPolicy policy, CancellationToken cancellationToken);
}
