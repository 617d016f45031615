using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// The production set-up: an OpenID Connect authority whose metadata and RS256 keys the API fetches
/// itself. A small real HTTP server plays the identity provider.
/// </summary>
[Collection(ApiCollection.Name)]
public class AuthorityTests(SlotsApiFactory factory) : ApiTestBase(factory), IAsyncLifetime
{
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "idp-key-1" };
    private WebApplication? _provider;
    private string _authority = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _provider = builder.Build();
        _provider.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = _authority,
            ["jwks_uri"] = $"{_authority}/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(_key);
        _provider.MapGet("/jwks", () => Results.Json(new
        {
            keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } },
        }));
        await _provider.StartAsync();
        _authority = _provider.Urls.First();
    }

    public async Task DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    [Fact]
    public async Task Tokens_from_the_authority_sign_in_and_nothing_else_does()
    {
        await using var api = Factory.WithWebHostBuilder(b => b
            .UseSetting("Auth:Authority", _authority)
            .UseSetting("Auth:RequireHttpsMetadata", "false"));
        var specialist = NewSpecialist();

        var fromAuthority = await GetOwnScheduleAsync(api, Sign(_authority, SlotsApiFactory.Audience, specialist));
        var otherAudience = await GetOwnScheduleAsync(api, Sign(_authority, "another-api", specialist));
        var otherIssuer = await GetOwnScheduleAsync(api, Sign("https://idp.evil.example", SlotsApiFactory.Audience, specialist));
        var localKey = await GetOwnScheduleAsync(api, Factory.Tokens.Specialist(specialist));
        var otherAlgorithm = await GetOwnScheduleAsync(
            api, Sign(_authority, SlotsApiFactory.Audience, specialist, SecurityAlgorithms.RsaSsaPssSha256));

        Assert.Equal(HttpStatusCode.OK, fromAuthority.StatusCode);
        await ProblemAsync(otherAudience, HttpStatusCode.Unauthorized, "invalid_token");
        await ProblemAsync(otherIssuer, HttpStatusCode.Unauthorized, "invalid_token");
        // With an authority configured, the local development key is not trusted.
        await ProblemAsync(localKey, HttpStatusCode.Unauthorized, "invalid_token");
        // The accepted algorithms are pinned (RS256 by default), whatever else the provider's key could sign with.
        await ProblemAsync(otherAlgorithm, HttpStatusCode.Unauthorized, "invalid_token");
    }

    private static async Task<HttpResponseMessage> GetOwnScheduleAsync(WebApplicationFactory<Program> api, string token)
    {
        using var client = SlotsApiFactory.ClientOf(api, token);
        return await client.GetAsync(Schedule(JsonWebTokenEmail(token)));
    }

    private static string JsonWebTokenEmail(string token) => new JsonWebToken(token).GetClaim("email").Value;

    private string Sign(string issuer, string audience, string email, string algorithm = SecurityAlgorithms.RsaSha256) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = "idp-user-7", ["email"] = email, ["role"] = "specialist" },
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(_key, algorithm),
        });
}
