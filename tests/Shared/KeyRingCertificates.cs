using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Slots.Tests.Shared;

/// <summary>
/// Certificates for the Data Protection key ring (<c>Slots:DataProtection:CertificateFile</c>), as an operator would make
/// one: RSA 2048, self-signed, with its private key, in a PKCS #12 file without a password.
/// </summary>
public static class KeyRingCertificates
{
    public static void Write(string path)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=consulting-slots key ring (tests)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
    }
}
