using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// <c>POST /api/dev/token</c>, the web UI's local sign-in: only with <c>Slots:DevSignIn</c> on, outside Production, and the
/// API signing its own tokens. It is left out of the document, so its own answers are read with a plain client; what its tokens do is
/// checked with contract-checked clients.
/// </summary>
[Collection(ApiCollection.Name)]
public class DevSignInTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    private const string TokenPath = "/api/dev/token";

    [Fact]
    public async Task With_the_flag_on_a_signed_in_specialist_and_customer_can_use_the_api()
    {
        await using var api = Factory.WithWebHostBuilder(b => b.UseEnvironment("Local").UseSetting("Slots:DevSignIn", "true"));
        using var plain = api.CreateClient();
        var specialist = NewSpecialist();

        var specialistToken = await SignInAsync(plain, new { role = "specialist", id = "dev-ann", email = specialist, name = "Ann" });
        var customerToken = await SignInAsync(plain, new { role = "customer", id = "dev-bea", email = "bea@example.com", name = "Bea" });

        var jwt = new JsonWebToken(specialistToken);
        Assert.Equal(SlotsApiFactory.Issuer, jwt.Issuer);
        Assert.Equal("dev-ann", jwt.Subject);
        Assert.Equal("specialist", jwt.GetClaim("role").Value);
        Assert.Equal(TimeSpan.FromHours(8), jwt.ValidTo - jwt.ValidFrom);
        using var asSpecialist = SlotsApiFactory.ClientOf(api, specialistToken);
        using var asCustomer = SlotsApiFactory.ClientOf(api, customerToken);
        var created = await asSpecialist.PostAsJsonAsync(Base, new { date = Day(3), startTime = "10:00", endTime = "11:00", totalCapacity = 1, timezone = "UTC" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var slot = Id(await BodyAsync(created));
        Assert.Equal(HttpStatusCode.Created, (await asCustomer.PostAsJsonAsync($"{Base}/{slot}/book", new { })).StatusCode);
        var mine = await BodyAsync(await asCustomer.GetAsync("/api/me/bookings"));
        Assert.Equal([slot], mine.EnumerateArray().Select(b => b.GetProperty("slotId").GetGuid()));
        Assert.Equal("Bea", mine[0].GetProperty("customerName").GetString());
    }

    [Theory]
    [InlineData("""{"role":"root","id":"x","email":"a@b.io"}""", "role")]
    [InlineData("""{"role":"customer","id":"x"}""", "email")]
    [InlineData("""{"role":"customer","id":"x","email":"not-an-email"}""", "email")]
    [InlineData("""{"role":"specialist","email":"a@b.io"}""", "id")]
    [InlineData("""{"role":"specialist","id":"a\u0000b","email":"a@b.io"}""", "id")]
    [InlineData("""{"role":"admin","id":"x","name":"\u202Eevil"}""", "name")]
    public async Task Bad_sign_in_input_is_a_400_naming_the_field(string body, string field)
    {
        await using var api = Factory.WithWebHostBuilder(b => b.UseEnvironment("Local").UseSetting("Slots:DevSignIn", "true"));
        using var plain = api.CreateClient();

        var problem = await ProblemAsync(await plain.PostAsync(TokenPath, Json(body)), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Without_the_flag_there_is_no_such_endpoint()
    {
        var response = await Client.PostAsync(TokenPath, Json("""{"role":"admin","id":"x"}"""));

        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    /// <summary>In Production nobody may sign in as anyone, whatever the flag says: the endpoint does not exist.</summary>
    [Fact]
    public async Task In_production_the_flag_is_ignored()
    {
        await using var api = Factory.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("Slots:DevSignIn", "true"));
        using var client = SlotsApiFactory.ClientOf(api);

        var response = await client.PostAsync(TokenPath, Json("""{"role":"admin","id":"x"}"""));

        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task With_an_external_authority_the_flag_is_ignored()
    {
        await using var api = Factory.WithWebHostBuilder(b => b
            .UseEnvironment("Local")
            .UseSetting("Slots:DevSignIn", "true")
            .UseSetting("Auth:Authority", "https://idp.invalid")
            .UseSetting("Auth:SigningKeyFile", ""));
        using var client = SlotsApiFactory.ClientOf(api);

        var response = await client.PostAsync(TokenPath, Json("""{"role":"admin","id":"x"}"""));

        await ProblemAsync(response, HttpStatusCode.NotFound);
    }

    private static async Task<string> SignInAsync(HttpClient client, object who)
    {
        var response = await client.PostAsJsonAsync(TokenPath, who);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.True(body.GetProperty("expiresAt").GetDateTime() > DateTime.UtcNow.AddHours(7));
        return body.GetProperty("token").GetString()!;
    }
}
