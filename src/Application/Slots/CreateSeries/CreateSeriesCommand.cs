using System.Text.Json.Serialization;
using Mediator;
using Slots.Application.Common.Idempotency;
using Slots.Application.Common.Security;
using Slots.Application.Slots.Policies;

namespace Slots.Application.Slots.CreateSeries;

/// <summary>
/// Publishes a weekly pattern (dates <c>YYYY-MM-DD</c>, weekdays as lower-case English names, windows of local times) as
/// slots in one transaction. The specialist as for a single create. With <see cref="DryRun"/>: the same answer, nothing
/// written. <see cref="Policy"/> overrides parts of the specialist's policy for every slot of the series.
/// </summary>
public sealed record CreateSeriesCommand(
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
    PolicyInput? Policy = null) : ICommand<SeriesResponse>, IRestrictedRequest, IIdempotentCommand
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.Specialists;

    [JsonIgnore]
    public bool DryRun { get; init; }

    [JsonIgnore]
    public string? IdempotencyKey { get; init; }

    string IIdempotentCommand.IdempotencyOperation() => "createSeries";

    /// <summary>A preview writes nothing, so nothing is kept under its key: the real request may use the same key.</summary>
    bool IIdempotentCommand.ChangesNothing => DryRun;
}
