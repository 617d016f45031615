using System.Text.Json.Serialization;
using Slots.Application.Common.Json;
using Slots.Domain.Slots;

namespace Slots.Api.Contracts;

/// <summary>Body of <c>PUT /series/{seriesId}</c>: the status every future slot of the series takes.</summary>
public sealed record ChangeSeriesRequest(
    [property: JsonConverter(typeof(ExactEnumConverter<SlotStatus>))] SlotStatus? Status = null);
