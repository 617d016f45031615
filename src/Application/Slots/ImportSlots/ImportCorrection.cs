namespace Slots.Application.Slots.ImportSlots;

/// <summary>A document imported with a correction (its booked count disagreed with its bookings, say), and what changed.</summary>
public sealed record ImportCorrection(int Line, string LegacyId, string Correction);
