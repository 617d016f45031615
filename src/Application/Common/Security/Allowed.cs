using System.Collections.Frozen;

namespace Slots.Application.Common.Security;

/// <summary>The role sets requests name in <see cref="IRestrictedRequest.AllowedRoles"/>.</summary>
public static class Allowed
{
    /// <summary>No role but admin (and a service with the request's <see cref="IRestrictedRequest.ServiceScope"/>).</summary>
    public static readonly IReadOnlySet<Role> AdminsOnly = FrozenSet<Role>.Empty;

    public static readonly IReadOnlySet<Role> Specialists = new[] { Role.Specialist }.ToFrozenSet();

    public static readonly IReadOnlySet<Role> Customers = new[] { Role.Customer }.ToFrozenSet();

    public static readonly IReadOnlySet<Role> CustomersAndSpecialists = new[] { Role.Customer, Role.Specialist }.ToFrozenSet();
}
