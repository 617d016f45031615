using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>What the bearer check refuses, and how a refusal reads: 401, WWW-Authenticate, problem+json.</summary>
[Collection(ApiCollection.Name)]
public class AuthenticationTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    public static TheoryData<string, string> BadTokens() => new()
    {
        { "expired", "The token has expired." },
        { "another key", "The token's signature does not verify." },
        { "alg none", "The token's signature does not verify." },
        { "another issuer", "The token was issued by an issuer this service does not trust." },
        { "another audience", "The token was issued for another audience." },
        { "no role", ClaimsActorProblem },
        { "unknown role", ClaimsActorProblem },
        { "upper-case role", ClaimsActorProblem },
        { "customer without email", ClaimsActorProblem },
        { "no subject", ClaimsActorProblem },
        { "overlong email", ClaimsActorProblem },
        { "NUL in the name", ClaimsActorProblem },
        { "blank email", ClaimsActorProblem },
        { "valid for more than a day", "A local token may be valid for at most 24 hours." },
        { "email that is no address", ClaimsActorProblem },
        { "Kelvin sign in the email", ClaimsActorProblem },
        { "bidi override in the name", ClaimsActorProblem },
        { "zero-width space in the subject", ClaimsActorProblem },
        { "payload edited to admin", "The token's signature does not verify." },
        { "not a token", "The bearer token is not valid." },
    };

    private const string ClaimsActorProblem = Security.ClaimsActor.Problem;

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_401_with_the_reason(string kind, string reason)
    {
        var email = NewSpecialist();
        var tokens = Factory.Tokens;
        var token = kind switch
        {
            "expired" => tokens.Create("specialist", "s", email, expires: DateTime.UtcNow.AddMinutes(-2)),
            "another key" => tokens.Create("specialist", "s", email, key: Encoding.UTF8.GetBytes(new string('k', 64))),
            "alg none" => tokens.Unsigned(),
            "another issuer" => tokens.Create("specialist", "s", email, issuerOverride: "https://evil.example"),
            "another audience" => tokens.Create("specialist", "s", email, audienceOverride: "another-api"),
            "no role" => tokens.Create(null, "s", email),
            "unknown role" => tokens.Create("superuser", "s", email),
            "upper-case role" => tokens.Create("ADMIN", "s", email),
            "customer without email" => tokens.Create("customer", "c", null),
            "no subject" => tokens.Create("admin", null, null),
            "overlong email" => tokens.Create("specialist", "s", new string('a', 250) + "@x.io"),
            "NUL in the name" => tokens.Create("customer", "c", "c@x.io", name: "Bea\u0000"),
            "blank email" => tokens.Create("specialist", "s", ""),
            "valid for more than a day" => tokens.Create("specialist", "s", email, expires: DateTime.UtcNow.AddHours(24).AddMinutes(2)),
            "email that is no address" => tokens.Create("specialist", "s", "kate"),
            "Kelvin sign in the email" => tokens.Create("specialist", "s", "\u212Aate@example.com"),
            "bidi override in the name" => tokens.Create("customer", "c", "c@x.io", name: "\u202Eevil"),
            "zero-width space in the subject" => tokens.Create("customer", "c\u200B", "c@x.io"),
            "payload edited to admin" => EditPayload(tokens.Specialist(email), "\"role\":\"specialist\"", "\"role\":\"admin\""),
            _ => "not-a-jwt",
        };
        using var client = Factory.NewClient(token);

        var response = await client.GetAsync($"{Schedule(email)}");

        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal(reason, problem.GetProperty("detail").GetString());
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("invalid_token", challenge.Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_token_is_401_unauthenticated()
    {
        using var client = Factory.NewClient(null);

        var response = await client.PostAsync(Base, Json("{}"));

        await ProblemAsync(response, HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Another_scheme_is_401()
    {
        using var client = Factory.NewClient(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "YWRtaW46YWRtaW4=");

        await ProblemAsync(await client.GetAsync($"{Schedule(NewSpecialist())}"), HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task A_token_with_several_roles_has_them_all()
    {
        var email = NewSpecialist();
        using var client = Factory.NewClient(Factory.Tokens.Create("specialist", "both", email, roles: ["specialist", "customer"]));
        var other = Id(await CreateSlotAsync(NewSpecialist()));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Schedule(email)}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"{Base}/{other}/book", Json("{}"))).StatusCode);
    }

    private static string EditPayload(string token, string from, string to)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]));
        Assert.Contains(from, payload, StringComparison.Ordinal);
        var edited = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.Replace(from, to, StringComparison.Ordinal)));
        return $"{parts[0]}.{edited}.{parts[2]}";
    }
}
