using System.Security.Cryptography;

namespace Slots.Application.Webhooks;

/// <summary>A Standard Webhooks signing secret: <c>whsec_</c> and 32 random bytes in base64.</summary>
public static class WebhookSecret
{
    /// <summary>Standard Webhooks secrets are base64 after this prefix.</summary>
    public const string Prefix = "whsec_";

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
