using Slots.Application.Slots.Policies;
using Slots.Application.Slots.CreateSeries;

namespace Slots.Api.Contracts;

/// <summary>
/// Body of <c>POST /api/consulting-slots/series</c>: a weekly pattern (dates <c>YYYY-MM-DD</c>, weekdays as lower-case
/// English names, windows of local times) turned into slots in one transaction. The specialist as for a single create.
/// </summary>
public sealed record CreateSeriesRequest(
    string From,
    string To,
    IReadOnlyList<string> Weekdays,
    IReadOnlyList<SeriesWindow> Windows,
    int? SlotMinutes,
    int? GapMinutes = null,
    int? TotalCapacity = null,
    string? Timezone = null,
    string? ServiceId = null,
    string? SpecialistEmail = null,
    string? SpecialistId = null,
    PolicyInput? Policy = null)
{
    /// <summary>The command; <paramref name="dryRun"/> (<c>?dryRun=true</c>) answers the same and writes nothing.</summary>
    public CreateSeriesCommand ToCommand(bool dryRun, string? idempotencyKey) =>
        new(From, To, Weekdays, Windows, SlotMinutes, GapMinutes, TotalCapacity, Timezone, ServiceId, SpecialistEmail, SpecialistId, Policy)
        {
            DryRun = dryRun,
            IdempotencyKey = idempotencyKey,
        };
}
