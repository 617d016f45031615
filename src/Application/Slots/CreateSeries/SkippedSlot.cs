namespace Slots.Application.Slots.CreateSeries;

/// <summary>
/// A slot of the pattern that was not created: <c>slot_overlaps</c> (the specialist has a slot then),
/// <c>nonexistent_local_time</c> (a DST gap skips that local time) or <c>start_not_in_future</c>.
/// </summary>
public sealed record SkippedSlot(DateOnly Date, TimeOnly StartTime, TimeOnly EndTime, string Reason, string Detail);
