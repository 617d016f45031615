using System.Text.Json.Serialization;
using Mediator;
using Slots.Application.Common.Idempotency;
using Slots.Application.Common.Security;
using Slots.Application.Common.Waits;
using Slots.Application.Slots.BookSlot;

namespace Slots.Application.Slots.MoveBooking;

/// <summary>
/// Moves a customer's live booking from <see cref="SlotId"/> to <see cref="ToSlotId"/>, another slot of the same
/// specialist, in one transaction: the booking keeps its id and its invite, or nothing changes. The customer themselves
/// (until the booking's reschedulableUntil), the slot's specialist or an admin. <see cref="Reason"/> travels with the
/// event. Queued on the slot the booking leaves; both rows are locked in id order.
/// </summary>
public sealed record MoveBookingCommand(Guid SlotId, string CustomerId, Guid ToSlotId, string? Reason = null)
    : ICommand<BookingConfirmation>, IRestrictedRequest, ISlotCommand, IIdsCheckedFirst, IIdempotentCommand
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.CustomersAndSpecialists;

    public static ServiceScope? ServiceScope => Common.Security.ServiceScope.BookingsWrite;

    public void EnsureIdsAllowed(Actor actor) => actor.EnsureMayCancelFor(CustomerId);

    [JsonIgnore]
    public string? IdempotencyKey { get; init; }

    // The customer and the target are in the request's fingerprint; the scope stays within the column whatever the id's length.
    string IIdempotentCommand.IdempotencyOperation() => $"moveBooking:{SlotId:N}";
}
