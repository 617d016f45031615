namespace Slots.Application.Webhooks;

/// <summary>How a subscription's deliveries stand.</summary>
/// <param name="Status">
/// <c>failing</c> when deliveries were given up and wait for a replay, <c>retrying</c> when some failed and wait for
/// their next attempt, <c>healthy</c> otherwise.
/// </param>
/// <param name="Pending">Deliveries not yet delivered nor given up.</param>
/// <param name="Retrying">Pending deliveries whose last attempt failed.</param>
/// <param name="Failed">Deliveries given up after the retry window, kept for replay.</param>
/// <param name="LastError">The error of the latest failed attempt among those, if any.</param>
/// <param name="LastFailureAt">When that attempt was made.</param>
public sealed record WebhookHealth(
    WebhookHealthStatus Status, int Pending, int Retrying, int Failed, string? LastError, DateTime? LastFailureAt);
