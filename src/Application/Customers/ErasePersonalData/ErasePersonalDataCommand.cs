using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Customers.ErasePersonalData;

/// <summary>
/// Erases a customer's personal data (their email and name) from their past and cancelled bookings and everything else
/// that holds them. Refused while they hold a seat in a slot that has not ended: cancel it first.
/// </summary>
public sealed record ErasePersonalDataCommand(string CustomerId) : ICommand<ErasureResponse>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.AdminsOnly;
}
