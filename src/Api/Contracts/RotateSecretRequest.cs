namespace Slots.Api.Contracts;

/// <summary>Body of <c>POST /api/webhooks/{webhookId}/secret</c>; it may be left out.</summary>
public sealed record RotateSecretRequest(int? KeepPreviousMinutes = null);
