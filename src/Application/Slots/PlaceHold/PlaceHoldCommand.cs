using System.Text.Json.Serialization;
using Mediator;
using Slots.Application.Common.Idempotency;
using Slots.Application.Common.Security;
using Slots.Application.Common.Waits;

namespace Slots.Application.Slots.PlaceHold;

/// <summary>
/// Keeps a seat for a customer for <see cref="Minutes"/> (the host's default when null) while they confirm, say while a
/// host app takes their payment. A customer holds as themselves, as they book; an admin (or a service with
/// <c>bookings:write</c>) names the customer.
/// </summary>
public sealed record PlaceHoldCommand(
    Guid SlotId, string? CustomerId = null, string? CustomerEmail = null, string? CustomerName = null, string? Timezone = null,
    int? Minutes = null)
    : ICommand<HoldResponse>, IRestrictedRequest, ISlotCommand, IIdsCheckedFirst, IIdempotentCommand, ICustomerFields
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.Customers;

    public static ServiceScope? ServiceScope => Common.Security.ServiceScope.BookingsWrite;

    public void EnsureIdsAllowed(Actor actor) => actor.EnsureBooksAsThemselves(CustomerId, CustomerEmail);

    [JsonIgnore]
    public string? IdempotencyKey { get; init; }

    string IIdempotentCommand.IdempotencyOperation() => $"placeHold:{SlotId:N}";
}
