using System.Text.Json.Serialization;
using Slots.Application.Common.Idempotency;

namespace Slots.Application.Slots.CreateSeries;

/// <summary>
/// What a series made: its id (null in a dry run, which keeps nothing), the slots it created (in a dry run, those it
/// would create; their ids are not kept) and the ones it skipped, each with the code a single create would have
/// answered.
/// </summary>
public sealed record SeriesResponse(Guid? SeriesId, IReadOnlyList<SlotResponse> Created, IReadOnlyList<SkippedSlot> Skipped)
    : IReplayableResponse
{
    [JsonIgnore]
    public bool Replayed { get; init; }

    public IReplayableResponse AsReplayed() => this with { Replayed = true };
}
