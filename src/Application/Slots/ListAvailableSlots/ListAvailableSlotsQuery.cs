using Mediator;
using Slots.Application.Common;

namespace Slots.Application.Slots.ListAvailableSlots;

/// <summary>
/// What a customer may book from a specialist: active, future, not-full slots whose local date lies in
/// [<see cref="StartDate"/>, <see cref="EndDate"/>] (default: today in UTC and 30 days on).
/// </summary>
public sealed record ListAvailableSlotsQuery(
    string SpecialistEmail, string? StartDate, string? EndDate, int? Limit, string? Cursor)
    : IQuery<Page<AvailableSlotResponse>>;
