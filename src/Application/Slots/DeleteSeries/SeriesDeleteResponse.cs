namespace Slots.Application.Slots.DeleteSeries;

/// <summary>
/// The ids of the slots deleted (each got a <c>slots.slot.deleted</c> event) and the future slots kept because someone
/// holds a seat; past slots are history and stay.
/// </summary>
public sealed record SeriesDeleteResponse(Guid SeriesId, IReadOnlyList<Guid> Deleted, IReadOnlyList<SlotResponse> Kept);
