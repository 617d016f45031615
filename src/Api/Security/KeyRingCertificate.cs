using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Slots.Api.Security;

/// <summary>
/// The certificate that encrypts the Data Protection key ring, which seals the webhook secrets in the database:
/// <c>Slots:DataProtection:CertificateFile</c> (PKCS #12, RSA, with its private key) and, when it has one,
/// <c>Slots:DataProtection:CertificatePassword</c>. Every process of one deployment needs the same certificate. Required in
/// Production: with the key ring plain beside the secrets, a copy of the database could sign deliveries.
/// </summary>
internal static class KeyRingCertificate
{
    public const string Section = "Slots:DataProtection";

    public static X509Certificate2? Load(IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection(Section);
        if (settings["CertificateFile"] is not { Length: > 0 } file)
        {
            return environment.IsProduction()
                ? throw new InvalidOperationException(
                    $"Set {Section}:CertificateFile to a PKCS #12 file with an RSA certificate and its private key: it encrypts the "
                    + "keys that seal the webhook secrets (./slots run makes one in .local/).")
                : null;
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(file, settings["CertificatePassword"]);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{Section}:CertificateFile '{file}' cannot be read as PKCS #12: {e.Message}", e);
        }

        using var rsa = certificate.GetRSAPrivateKey();
        return rsa is not null
            ? certificate
            : throw new InvalidOperationException($"{Section}:CertificateFile '{file}' must hold an RSA certificate with its private key.");
    }
}
