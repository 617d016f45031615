using Slots.Application.Common;

namespace Slots.Application.Specialists;

/// <summary>The specialists' public profiles, kept with their handle, and the directory of those who have one.</summary>
public interface ISpecialistProfiles
{
    /// <summary>The profile under the handle <paramref name="email"/>; null when no specialist has the handle.</summary>
    Task<SpecialistProfile?> FindAsync(string email, CancellationToken cancellationToken);

    /// <summary>Replaces the profile of the handle's specialist; false when no specialist has the handle.</summary>
    Task<bool> SaveAsync(SpecialistProfile profile, CancellationToken cancellationToken);

    /// <summary>One page of the directory (<see cref="FindSpecialists.FindSpecialistsQuery"/>), the limit already settled.</summary>
    Task<Page<SpecialistListing>> DirectoryAsync(FindSpecialists.FindSpecialistsQuery query, int limit, DateTime now, CancellationToken cancellationToken);
}
