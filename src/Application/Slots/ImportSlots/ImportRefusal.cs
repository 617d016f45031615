namespace Slots.Application.Slots.ImportSlots;

/// <summary>A document the import refuses: its line, its <c>_id</c> when it has one, a stable code and a sentence.</summary>
public sealed record ImportRefusal(int Line, string? LegacyId, string Code, string Reason);
