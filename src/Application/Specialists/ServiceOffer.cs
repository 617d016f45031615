namespace Slots.Application.Specialists;

/// <summary>
/// A service a specialist offers: what a Service Card shows and a slot names by <see cref="Id"/> (its <c>serviceId</c>).
/// <see cref="DurationMinutes"/> is a hint for customers; each slot keeps its own times.
/// </summary>
public sealed record ServiceOffer(string Id, string Title, int? DurationMinutes = null, string? Description = null);
