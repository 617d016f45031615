namespace Slots.Infrastructure.Persistence;

/// <summary>
/// The key spaces of the service's advisory locks: the seed of <c>hashtextextended</c>, so that keys of two spaces never
/// meet. The numbers are what the running databases already hold locks under; 2 was never used.
/// </summary>
internal enum AdvisoryLockSpace
{
    /// <summary>A specialist's schedule, by email: creates, changes of times, series and the import queue here.</summary>
    Schedule = 0,

    /// <summary>A customer, by id: two bookings of one customer count their live bookings one after the other.</summary>
    Customer = 1,

    /// <summary>An <c>Idempotency-Key</c>, by caller, operation and key: a repeat waits for the first request to end.</summary>
    Idempotency = 3,

    /// <summary>The Data Protection key ring, one key: the first use of an empty one makes its key.</summary>
    KeyRing = 4,
}
