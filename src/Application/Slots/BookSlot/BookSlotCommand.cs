using System.Text.Json.Serialization;
using Mediator;
using Slots.Application.Common.Idempotency;
using Slots.Application.Common.Security;
using Slots.Application.Common.Waits;

namespace Slots.Application.Slots.BookSlot;

/// <summary>
/// Books a seat. A customer books as themselves: the customer fields default to the token's and may not
/// name anyone else; an admin names the customer in full. <see cref="Timezone"/> is the customer's own IANA zone (their
/// mail tells times in it beside the specialist's). <see cref="HoldId"/> names the customer's seat hold to book with.
/// </summary>
public sealed record BookSlotCommand(
    Guid SlotId, string? CustomerId = null, string? CustomerEmail = null, string? CustomerName = null, string? Timezone = null,
    Guid? HoldId = null)
    : ICommand<BookingConfirmation>, IRestrictedRequest, ISlotCommand, IIdsCheckedFirst, IIdempotentCommand, ICustomerFields
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.Customers;

    public static ServiceScope? ServiceScope => Common.Security.ServiceScope.BookingsWrite;

    public void EnsureIdsAllowed(Actor actor) => actor.EnsureBooksAsThemselves(CustomerId, CustomerEmail);

    [JsonIgnore]
    public string? IdempotencyKey { get; init; }

    string IIdempotentCommand.IdempotencyOperation() => $"bookSlot:{SlotId:N}";
}
