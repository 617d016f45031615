namespace Slots.Api.Contracts;

/// <summary>Body of <c>PUT /series/{seriesId}</c>: the status every future slot of the series takes.</summary>
public sealed record ChangeSeriesRequest(string? Status = null);
