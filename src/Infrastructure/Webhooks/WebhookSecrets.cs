using Microsoft.AspNetCore.DataProtection;
using Slots.Application.Webhooks;

namespace Slots.Infrastructure.Webhooks;

/// <summary>
/// Seals the webhook signing secrets for the database with ASP.NET Core Data Protection, and opens them to sign a delivery.
/// The key ring lives in <c>data_protection_keys</c>, shared by every process, each key encrypted with the operator's
/// certificate: the database alone (a dump, a backup, a read-only breach) holds no secret a forger could sign with.
/// </summary>
internal sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    /// <summary>The longest sealed secret the columns hold: a sealed secret is about 180 characters.</summary>
    public const int MaxSealedLength = 500;

    private readonly IDataProtector _protector = provider.CreateProtector("Slots.Webhooks.SigningSecret");

    public string Seal(string secret) => _protector.Protect(secret);

    /// <summary>
    /// The secret a stored value holds. A secret stored before secrets were sealed is still plain until
    /// <see cref="SecretSealer"/> has sealed it; a sealed value never starts with the secrets' prefix.
    /// </summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The key that sealed it is gone or unreadable.</exception>
    public string Open(string stored) => IsPlain(stored) ? stored : _protector.Unprotect(stored);

    public static bool IsPlain(string stored) => stored.StartsWith(WebhookSecret.Prefix, StringComparison.Ordinal);
}
