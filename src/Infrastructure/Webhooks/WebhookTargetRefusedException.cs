namespace Slots.Infrastructure.Webhooks;

/// <summary>A webhook's target resolved to an address it may not call.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
