using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Slots.Api.Security;

/// <summary>
/// Signs tokens with the local HMAC key (<c>Auth:SigningKeyFile</c>), as <c>./slots token</c> does. Registered only
/// when no external authority is configured: with one, this service has no key to sign with.
/// </summary>
public sealed class LocalTokenIssuer(SecurityKey key, string issuer, string audience)
{
    public string Issue(string role, string subject, string? email, string? name, DateTime now, TimeSpan lifetime)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["role"] = role };
        if (email is not null)
        {
            // Local sign-in is for development, where whoever runs it types the address: it vouches for it.
            claims["email"] = email;
            claims["email_verified"] = true;
        }

        if (name is not null)
        {
            claims["name"] = name;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
