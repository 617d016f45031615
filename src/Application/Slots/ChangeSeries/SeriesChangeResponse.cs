namespace Slots.Application.Slots.ChangeSeries;

/// <summary>
/// The series' future slots after the change (its past ones are history and stay as they were); <see cref="Changed"/>
/// counts those whose status moved (each got a <c>slots.slot.changed</c> event).
/// </summary>
public sealed record SeriesChangeResponse(Guid SeriesId, int Changed, IReadOnlyList<SlotResponse> Slots);
