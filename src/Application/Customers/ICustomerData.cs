namespace Slots.Application.Customers;

/// <summary>What the service holds about a customer, for erasure. Writes join the command's transaction.</summary>
public interface ICustomerData
{
    /// <summary>The customer's bookings of slots that have not ended yet, not cancelled.</summary>
    Task<int> LiveBookingsAsync(string customerId, DateTime now, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the customer's email and name wherever they are kept: their bookings, the events an older release wrote
    /// with them, and the stored answers of idempotent requests (which are deleted).
    /// </summary>
    Task<ErasureResponse> EraseAsync(string customerId, CancellationToken cancellationToken);
}
