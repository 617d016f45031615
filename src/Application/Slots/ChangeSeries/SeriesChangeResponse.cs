namespace Slots.Application.Slots.ChangeSeries;

/// <summary>
/// The series' future slots after the change (its past ones are history and stay as they were); <see cref="Changed"/>
/// counts those whose status or policy moved.
/// </summary>
public sealed record SeriesChangeResponse(Guid SeriesId, int Changed, IReadOnlyList<SlotResponse> Slots);
