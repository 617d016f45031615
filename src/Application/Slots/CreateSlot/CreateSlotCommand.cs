using System.Text.Json.Serialization;
using Mediator;
using Slots.Application.Common.Idempotency;
using Slots.Application.Common.Security;
using Slots.Application.Slots.Policies;

namespace Slots.Application.Slots.CreateSlot;

/// <summary>
/// Publishes one slot. Date and times are the specialist's local ones (<c>YYYY-MM-DD</c>, <c>HH:mm</c>) in
/// <see cref="Timezone"/> (IANA, default UTC). A specialist's slot is their own: <see cref="SpecialistEmail"/> and
/// <see cref="SpecialistId"/> default to the token's; an admin names the specialist.
/// <see cref="Policy"/> overrides parts of the specialist's policy for this slot.
/// </summary>
public sealed record CreateSlotCommand(
    string Date,
    string StartTime,
    string EndTime,
    int? TotalCapacity = null,
    string? Timezone = null,
    string? ServiceId = null,
    string? SpecialistEmail = null,
    string? SpecialistId = null,
    PolicyInput? Policy = null) : ICommand<SlotResponse>, IRestrictedRequest, IIdempotentCommand
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.Specialists;

    [JsonIgnore]
    public string? IdempotencyKey { get; init; }

    string IIdempotentCommand.IdempotencyOperation() => "createSlot";
}
