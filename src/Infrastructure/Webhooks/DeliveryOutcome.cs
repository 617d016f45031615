namespace Slots.Infrastructure.Webhooks;

/// <summary>
/// How attempt <see cref="Attempt"/> of a delivery went: delivered when <see cref="Error"/> is null; otherwise the wait
/// before the next attempt.
/// </summary>
/// <param name="Status">The receiver's status code; null when it gave none (refused, timed out).</param>
internal sealed record DeliveryOutcome(Guid Subscription, Guid Event, int Attempt, int? Status, string? Error, TimeSpan RetryDelay);
