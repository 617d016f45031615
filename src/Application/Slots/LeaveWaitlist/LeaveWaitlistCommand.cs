using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Common.Waits;

namespace Slots.Application.Slots.LeaveWaitlist;

/// <summary>Takes a customer out of a slot's waitlist: the customer themselves, the slot's specialist or an admin, at any time.</summary>
public sealed record LeaveWaitlistCommand(Guid SlotId, string CustomerId) : ICommand, IRestrictedRequest, ISlotCommand, IIdsCheckedFirst
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.CustomersAndSpecialists;

    public static ServiceScope? ServiceScope => Common.Security.ServiceScope.BookingsWrite;

    public void EnsureIdsAllowed(Actor actor) => actor.EnsureMayCancelFor(CustomerId);
}
