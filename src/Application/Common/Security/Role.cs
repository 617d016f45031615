namespace Slots.Application.Common.Security;

/// <summary>What a caller may do, from the token's <c>role</c> claim.</summary>
public enum Role
{
    /// <summary>Books and cancels their own seats.</summary>
    Customer,

    /// <summary>Publishes and manages their own slots and the bookings in them.</summary>
    Specialist,

    /// <summary>A person who runs the service: may act for any specialist or customer, and erase personal data.</summary>
    Admin,

    /// <summary>An internal service: may do only what its token's scopes name (<see cref="ServiceScope"/>).</summary>
    Service,
}
