using System.Text.Json.Serialization;
using Slots.Application.Common.Idempotency;

namespace Slots.Application.Slots.CancelBooking;

/// <summary>
/// A cancellation made (answered 204, with no body), or, for a repeat with its <c>Idempotency-Key</c>, the one made before:
/// a retry of a cancellation that committed after its answer was lost gets that answer again, not 404.
/// </summary>
public sealed record CancellationDone : IReplayableResponse
{
    [JsonIgnore]
    public bool Replayed { get; init; }

    public IReplayableResponse AsReplayed() => this with { Replayed = true };
}
