using Slots.Domain.Slots;

namespace Slots.Infrastructure.Import;

/// <summary>A document the import reads as a slot; <see cref="Correction"/> says what it changed on the way, if anything.</summary>
public sealed record LegacySlot(int Line, Slot Slot, string? Correction);
