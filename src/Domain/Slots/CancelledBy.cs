namespace Slots.Domain.Slots;

/// <summary>Who cancelled a booking.</summary>
public enum CancelledBy
{
    /// <summary>The customer themselves: bound by the policy's cancellation notice.</summary>
    Customer,

    /// <summary>The slot's specialist: may cancel at any time.</summary>
    Specialist,

    /// <summary>An admin: may cancel at any time.</summary>
    Admin,

    /// <summary>A service acting for customers (<c>bookings:write</c>): bound like the customer it acts for.</summary>
    Service,
}
