namespace Slots.Application.Webhooks;

/// <summary>A subscription just created, with the secret that signs its deliveries: keep it, it is not shown again.</summary>
/// <param name="Secret">The Standard Webhooks signing secret, <c>whsec_</c> and 32 random bytes in base64.</param>
public sealed record CreatedWebhookResponse(
    Guid Id, string Url, IReadOnlyList<string>? Types, string? Description, DateTime CreatedAt, WebhookHealth Health, string Secret);
