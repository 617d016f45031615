using Mediator;

namespace Slots.Application.Slots.CreateSlot;

/// <summary>
/// Body of <c>POST /api/consulting-slots</c>, taken as it is. Date and times are the specialist's local
/// ones (<c>YYYY-MM-DD</c>, <c>HH:mm</c>) in <see cref="Timezone"/> (IANA, default UTC).
/// </summary>
public sealed record CreateSlotCommand(
    string SpecialistEmail,
    string Date,
    string StartTime,
    string EndTime,
    int? TotalCapacity = null,
    string? Timezone = null,
    string? ServiceId = null,
    string? SpecialistId = null) : ICommand<SlotResponse>;
