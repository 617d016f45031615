namespace Slots.Application.Webhooks.RotateSecret;

/// <summary>A subscription's new signing secret: keep it, it is not shown again.</summary>
/// <param name="Secret">The new Standard Webhooks secret, <c>whsec_</c> and 32 random bytes in base64.</param>
/// <param name="PreviousSecretValidUntil">
/// Until when deliveries carry a second signature, made with the secret replaced; null when it stopped at once.
/// </param>
public sealed record RotatedSecretResponse(Guid Id, string Secret, DateTime? PreviousSecretValidUntil);
