using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Common.Waits;

namespace Slots.Application.Slots.CancelBooking;

/// <summary>
/// Cancels a customer's live booking: the customer themselves (within the booking's policy), the slot's specialist or an
/// admin (at any time). <see cref="Reason"/> says why; the booking's policy may require one.
/// </summary>
public sealed record CancelBookingCommand(Guid SlotId, string CustomerId, string? Reason = null) : ICommand, IRestrictedRequest, ISlotCommand, IIdsCheckedFirst
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.CustomersAndSpecialists;

    public static ServiceScope? ServiceScope => Common.Security.ServiceScope.BookingsWrite;

    public void EnsureIdsAllowed(Actor actor) => actor.EnsureMayCancelFor(CustomerId);
}
