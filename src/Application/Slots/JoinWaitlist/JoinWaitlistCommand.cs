using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Common.Waits;

namespace Slots.Application.Slots.JoinWaitlist;

/// <summary>
/// Puts a customer in line for a seat of a full slot whose policy takes a waitlist. A customer joins as themselves, as
/// they book (<see cref="BookSlot.BookSlotCommand"/>); an admin names the customer in full. <see cref="Timezone"/> is the
/// customer's IANA zone, which the booking made from the line keeps.
/// </summary>
public sealed record JoinWaitlistCommand(
    Guid SlotId, string? CustomerId = null, string? CustomerEmail = null, string? CustomerName = null, string? Timezone = null)
    : ICommand<WaitlistEntryResponse>, IRestrictedRequest, ISlotCommand, IIdsCheckedFirst, ICustomerFields
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.Customers;

    public static ServiceScope? ServiceScope => Common.Security.ServiceScope.BookingsWrite;

    public void EnsureIdsAllowed(Actor actor) => actor.EnsureBooksAsThemselves(CustomerId, CustomerEmail);
}
