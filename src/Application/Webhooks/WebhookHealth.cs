namespace Slots.Application.Webhooks;

/// <summary>How a subscription's deliveries stand.</summary>
/// <param name="Status">
/// <c>disabled</c> when it failed for days and is sent nothing until enabled, <c>failing</c> when deliveries were given
/// up and wait for a replay, <c>retrying</c> when some failed and wait for their next attempt, <c>healthy</c> otherwise.
/// </param>
/// <param name="Pending">Deliveries not yet delivered nor given up.</param>
/// <param name="Retrying">Pending deliveries whose last attempt failed.</param>
/// <param name="Failed">Deliveries given up after the retry window, kept for replay.</param>
/// <param name="LastError">The error of the latest failed attempt among those, if any.</param>
/// <param name="LastFailureAt">When that attempt was made.</param>
/// <param name="FailingSince">When its current run of failed attempts began; null when its last attempt was delivered.</param>
/// <param name="ParkedUntil">
/// While its circuit breaker is open: nothing is sent until then, and after, one delivery at a time until one is delivered.
/// </param>
/// <param name="DisabledAt">When it was disabled for failing too long; null when it is enabled.</param>
public sealed record WebhookHealth(
    WebhookHealthStatus Status, int Pending, int Retrying, int Failed, string? LastError, DateTime? LastFailureAt,
    DateTime? FailingSince = null, DateTime? ParkedUntil = null, DateTime? DisabledAt = null);
