using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Slots.Api.IntegrationTests.Infrastructure;

/// <summary>
/// Signs tokens the way an identity provider would, with the key the API under test trusts, and also
/// the tokens it must refuse: expired, signed with another key, unsigned (<c>alg: none</c>).
/// Lifetimes are real time: the API checks tokens against the real clock, not the fake one.
/// </summary>
public sealed class TestTokens(string issuer, string audience)
{
    public byte[] SigningKey { get; } = RandomNumberGenerator.GetBytes(64);

    public string Admin(string subject = "svc-test") => Create("admin", subject, null);

    /// <summary>An internal service with <paramref name="scopes"/> (space-separated, as the <c>scope</c> claim has them).</summary>
    public string Service(string scopes, string subject = "svc-scoped") =>
        Create("service", subject, null, extra: new Dictionary<string, object> { ["scope"] = scopes });

    /// <summary>A specialist whose provider has verified their email, as a specialist must have to publish.</summary>
    public string Specialist(string email, string? subject = null) =>
        Create("specialist", subject ?? $"sub-{email}", email, extra: new Dictionary<string, object> { ["email_verified"] = true });

    /// <summary>A customer whose email is <c>{id}@customers.example</c>, as the tests' booking bodies say.</summary>
    public string Customer(string id) => Create("customer", id, $"{id}@customers.example", $"Customer {id}");

    public string Create(
        string? role, string? subject, string? email, string? name = null,
        DateTime? expires = null, byte[]? key = null, string? issuerOverride = null, string? audienceOverride = null,
        string[]? roles = null, IReadOnlyDictionary<string, object>? extra = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>();
        AddIfSet(claims, "sub", subject);
        if (roles is not null)
        {
            claims["role"] = roles;
        }
        else
        {
            AddIfSet(claims, "role", role);
        }

        AddIfSet(claims, "email", email);
        AddIfSet(claims, "name", name);
        foreach (var (claim, value) in extra ?? new Dictionary<string, object>())
        {
            claims[claim] = value;
        }

        var end = expires ?? now.AddHours(1);
        var start = end.AddHours(-1) < now ? end.AddHours(-1) : now;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuerOverride ?? issuer,
            Audience = audienceOverride ?? audience,
            Claims = claims,
            IssuedAt = start,
            NotBefore = start,
            Expires = end,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? SigningKey), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>A well-formed token for an admin with no signature at all (<c>alg: none</c>).</summary>
    public string Unsigned(string role = "admin")
    {
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return $"{Encode("""{"alg":"none","typ":"JWT"}""")}."
            + $"{Encode($$"""{"iss":"{{issuer}}","aud":"{{audience}}","sub":"mallory","role":"{{role}}","exp":{{exp}}}""")}.";
    }

    private static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    private static void AddIfSet(Dictionary<string, object> claims, string name, string? value)
    {
        if (value is not null)
        {
            claims[name] = value;
        }
    }
}
