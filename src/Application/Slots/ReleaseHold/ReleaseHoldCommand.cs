using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Common.Waits;

namespace Slots.Application.Slots.ReleaseHold;

/// <summary>Lets a held seat go before its time: the hold's customer, the slot's specialist, an admin, or a service for customers.</summary>
public sealed record ReleaseHoldCommand(Guid SlotId, Guid HoldId) : ICommand, IRestrictedRequest, ISlotCommand
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.CustomersAndSpecialists;

    public static ServiceScope? ServiceScope => Common.Security.ServiceScope.BookingsWrite;
}
