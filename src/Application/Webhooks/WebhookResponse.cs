namespace Slots.Application.Webhooks;

/// <summary>A webhook subscription, without its secret (shown once, when it is created).</summary>
/// <param name="Types">The event types it receives; null for all of them.</param>
public sealed record WebhookResponse(
    Guid Id, string Url, IReadOnlyList<string>? Types, string? Description, DateTime CreatedAt, WebhookHealth Health);
