using System.Text.Json.Serialization;
using Mediator;
using Slots.Application.Common.Idempotency;
using Slots.Application.Common.Security;
using Slots.Application.Common.Waits;

namespace Slots.Application.Slots.CancelBooking;

/// <summary>
/// Cancels a customer's live booking: the customer themselves (within the booking's policy), the slot's specialist or an
/// admin (at any time). <see cref="Reason"/> says why; the booking's policy may require one. With an <c>Idempotency-Key</c>,
/// a repeat gets the first cancellation's answer.
/// </summary>
public sealed record CancelBookingCommand(Guid SlotId, string CustomerId, string? Reason = null)
    : ICommand<CancellationDone>, IRestrictedRequest, ISlotCommand, IIdsCheckedFirst, IIdempotentCommand
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.CustomersAndSpecialists;

    public static ServiceScope? ServiceScope => Common.Security.ServiceScope.BookingsWrite;

    public void EnsureIdsAllowed(Actor actor) => actor.EnsureMayCancelFor(CustomerId);

    [JsonIgnore]
    public string? IdempotencyKey { get; init; }

    // The customer and the reason are in the request's fingerprint, as a move's are.
    string IIdempotentCommand.IdempotencyOperation() => $"cancelBooking:{SlotId:N}";
}
