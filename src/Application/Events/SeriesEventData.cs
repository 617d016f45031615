using Slots.Domain.Slots;

namespace Slots.Application.Events;

/// <summary>
/// <c>data</c> of a series event, whose <c>subject</c> is the series: one event for the whole operation, however many
/// slots it touched, naming them by id (their details are one <c>GET /series/{seriesId}</c> away).
/// </summary>
/// <param name="SlotIds">The slots made (<c>created</c>), whose status or policy changed (<c>changed</c>) or deleted (<c>deleted</c>).</param>
/// <param name="Status">The status the slots now have (<c>changed</c>, when it was asked for).</param>
/// <param name="Policy">What the slots now override of the specialist's policy (<c>changed</c>, when it was asked for).</param>
/// <param name="SpecialistEmail">The public handle the slots are published under: whose customers' view changed.</param>
public sealed record SeriesEventData(
    Guid SeriesId, IReadOnlyList<Guid> SlotIds, SlotStatus? Status = null, PolicyOverride? Policy = null, string? SpecialistEmail = null);
