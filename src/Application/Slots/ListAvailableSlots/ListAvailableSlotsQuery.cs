using Mediator;
using Slots.Application.Common;

namespace Slots.Application.Slots.ListAvailableSlots;

/// <summary>
/// What a customer may book from a specialist: active, future, not-full slots whose local date lies in
/// [<see cref="StartDate"/>, <see cref="EndDate"/>] (default: today in UTC and <see cref="DefaultRangeDays"/> days on);
/// with <see cref="ServiceId"/>, only that service's slots and the slots for no service in particular ("applies to all
/// consulting", as the plan has it). With <see cref="IncludeFull"/>, also the full ones whose waitlist is open (the slot's
/// or its specialist's policy takes one, and fewer than <see cref="Domain.Slots.SlotLimits.MaxWaitingPerSlot"/> wait).
/// The view may be read a moment old (from a standby); with <see cref="ReadAfter"/> (<see cref="ReadPositions"/>), never
/// older than that commit (the API has checked its shape, as it checks the header it comes in).
/// </summary>
public sealed record ListAvailableSlotsQuery(
    string SpecialistEmail, string? StartDate, string? EndDate, int? Limit, string? Cursor, string? ServiceId = null, bool IncludeFull = false,
    string? ReadAfter = null)
    : IQuery<Page<AvailableSlotResponse>>
{
    public const int DefaultRangeDays = 30;

    public const int MaxRangeDays = 366;

    /// <summary>The dates asked for, the defaults filled in; only for dates the validator has accepted.</summary>
    public (DateOnly From, DateOnly To) Range(DateOnly today)
    {
        var from = StartDate is null ? today : LocalFormats.ParseDate(StartDate);
        return (from, EndDate is null ? from.AddDays(DefaultRangeDays) : LocalFormats.ParseDate(EndDate));
    }
}
