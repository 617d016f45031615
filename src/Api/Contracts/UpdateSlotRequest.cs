using System.Text.Json;
using System.Text.Json.Serialization;
using Slots.Application.Common.Json;
using Slots.Application.Slots.Policies;
using Slots.Domain.Slots;

namespace Slots.Api.Contracts;

/// <summary>
/// Body of <c>PUT /{slotId}</c>. <see cref="Date"/> and <see cref="TotalCapacity"/> are read only to
/// say by name that they cannot be changed. <see cref="Policy"/> replaces the slot's override of its specialist's policy.
/// </summary>
public sealed record UpdateSlotRequest(
    string? StartTime = null,
    string? EndTime = null,
    [property: JsonConverter(typeof(ExactEnumConverter<SlotStatus>))] SlotStatus? Status = null,
    JsonElement? Date = null,
    JsonElement? TotalCapacity = null,
    PolicyInput? Policy = null);
