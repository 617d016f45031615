using System.Text.Json.Serialization;
using Slots.Application.Common.Json;
using Slots.Application.Slots.Policies;
using Slots.Domain.Slots;

namespace Slots.Api.Contracts;

/// <summary>
/// Body of <c>PUT /series/{seriesId}</c>: the status every future slot of the series takes, what they override of the
/// specialist's policy, or both.
/// </summary>
public sealed record ChangeSeriesRequest(
    [property: JsonConverter(typeof(ExactEnumConverter<SlotStatus>))] SlotStatus? Status = null,
    PolicyInput? Policy = null);
