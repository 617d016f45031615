using Slots.Application.Slots.Policies;
using Slots.Application.Slots.CreateSlot;

namespace Slots.Api.Contracts;

/// <summary>
/// Body of <c>POST /api/consulting-slots</c>. Date and times are the specialist's local ones (<c>YYYY-MM-DD</c>,
/// <c>HH:mm</c>) in <see cref="Timezone"/> (IANA, default UTC). A specialist's slot is their own:
/// <see cref="SpecialistEmail"/> and <see cref="SpecialistId"/> default to the token's; an admin names the specialist.
/// </summary>
public sealed record CreateSlotRequest(
    string Date,
    string StartTime,
    string EndTime,
    int? TotalCapacity = null,
    string? Timezone = null,
    string? ServiceId = null,
    string? SpecialistEmail = null,
    string? SpecialistId = null,
    PolicyInput? Policy = null)
{
    public CreateSlotCommand ToCommand(string? idempotencyKey) =>
        new(Date, StartTime, EndTime, TotalCapacity, Timezone, ServiceId, SpecialistEmail, SpecialistId, Policy) { IdempotencyKey = idempotencyKey };
}
