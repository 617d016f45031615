using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Api.Security;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// A host app's page on another origin calls the API from the browser: only the origins in
/// <c>Slots:Cors:AllowedOrigins</c> get <c>Access-Control-Allow-Origin</c>, their preflight is answered, and they may
/// read the headers a client needs. (The browser itself, which enforces all this, is in the host app's browser test.)
/// </summary>
[Collection(ApiCollection.Name)]
public class CrossOriginTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    private const string Host = "https://host.example";

    [Fact]
    public async Task An_allowed_origin_is_answered_with_its_name_and_may_read_the_headers_a_client_needs()
    {
        await using var api = Allowing(Host, "http://localhost:5174");
        using var client = SlotsApiFactory.ClientOf(api);
        var specialist = NewSpecialist();
        await CreateSlotAsync(specialist);

        var response = await FromAsync(client, HttpMethod.Get, Available(specialist), Host);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Host, HeaderOf(response, "Access-Control-Allow-Origin"));
        Assert.Contains("Origin", response.Headers.Vary);
        var exposed = HeaderOf(response, "Access-Control-Expose-Headers").Split(',', StringSplitOptions.TrimEntries);
        Assert.Equal(CrossOrigin.ExposedHeaders.Order(), exposed.Order());
        Assert.Superset(new HashSet<string> { "ETag", "Location", "Link", "Retry-After", "RateLimit", "RateLimit-Policy", "Idempotent-Replayed", "Slots-Read-After" }, exposed.ToHashSet());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
        // The second origin of the list, and an error answer (the page must be able to read the problem).
        var missing = await FromAsync(client, HttpMethod.Get, $"{Base}/{Guid.NewGuid()}", "http://localhost:5174", Factory.Tokens.Admin());
        await ProblemAsync(missing, HttpStatusCode.NotFound);
        Assert.Equal("http://localhost:5174", HeaderOf(missing, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Another_origin_or_an_api_with_no_list_answers_without_allowing_it()
    {
        var specialist = NewSpecialist();
        await CreateSlotAsync(specialist);
        await using var api = Allowing(Host);
        using var client = SlotsApiFactory.ClientOf(api);

        foreach (var origin in new[] { "https://evil.example", "https://host.example.evil.example", "http://host.example", "https://host.example:8443", "null" })
        {
            var response = await FromAsync(client, HttpMethod.Get, Available(specialist), origin);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), origin);
        }

        // The shared API of the other tests configures no origin: nobody is allowed.
        using var shared = Factory.NewClient(null);
        var unconfigured = await FromAsync(shared, HttpMethod.Get, Available(specialist), Host);
        Assert.Equal(HttpStatusCode.OK, unconfigured.StatusCode);
        Assert.False(unconfigured.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_is_answered_with_what_it_may_send_and_nothing_for_another()
    {
        await using var api = Allowing(Host);
        using var client = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var path = $"{Base}/{Guid.NewGuid()}/book";

        var allowed = await PreflightAsync(client, path, Host, "POST", "authorization,content-type,idempotency-key");
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(Host, HeaderOf(allowed, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", HeaderOf(allowed, "Access-Control-Allow-Methods").Split(',', StringSplitOptions.TrimEntries));
        // The answer names every header a page may send (those it asked for among them), and nothing else.
        Assert.Equal(
            ["authorization", "content-type", "idempotency-key", "if-match", "if-none-match", "last-event-id", "slots-read-after"],
            HeaderOf(allowed, "Access-Control-Allow-Headers").Split(',', StringSplitOptions.TrimEntries).Select(h => h.ToLowerInvariant()).Order());
        Assert.Equal("600", HeaderOf(allowed, "Access-Control-Max-Age"));
        // The preflight is answered before sign-in and the budgets: no token, no 401, nothing spent.
        Assert.False(allowed.Headers.Contains("RateLimit"));

        var otherOrigin = await PreflightAsync(client, path, "https://evil.example", "POST", "authorization");
        Assert.False(otherOrigin.Headers.Contains("Access-Control-Allow-Origin"));
        // A method or a header outside the list is not granted: the browser sends nothing.
        var otherMethod = await PreflightAsync(client, path, Host, "PATCH", "authorization");
        Assert.DoesNotContain("PATCH", HeaderOf(otherMethod, "Access-Control-Allow-Methods").Split(',', StringSplitOptions.TrimEntries));
        var otherHeader = await PreflightAsync(client, path, Host, "POST", "x-forwarded-for");
        Assert.DoesNotContain("x-forwarded-for", HeaderOf(otherHeader, "Access-Control-Allow-Headers").ToLowerInvariant().Split(',', StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task A_refusal_for_too_many_requests_reaches_the_page_with_its_wait()
    {
        await using var api = Factory.WithWebHostBuilder(b => b
            .UseSetting($"{CrossOrigin.Section}:0", Host)
            .UseSetting("Slots:RateLimits:RequestsPerMinute", "1"));
        using var client = SlotsApiFactory.ClientOf(api);
        var token = Factory.Tokens.Customer($"page-{Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.OK, (await FromAsync(client, HttpMethod.Get, "/api/me/bookings", Host, token)).StatusCode);
        var refused = await FromAsync(client, HttpMethod.Get, "/api/me/bookings", Host, token);

        await ProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(Host, HeaderOf(refused, "Access-Control-Allow-Origin"));
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("https://host.example/")]
    [InlineData("https://host.example/app")]
    [InlineData("https://host.example?x=1")]
    [InlineData("https://user@host.example")]
    [InlineData("host.example")]
    [InlineData("ftp://host.example")]
    [InlineData("https://*.example")]
    public void A_configured_origin_that_is_not_one_stops_start_up(string configured)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => CrossOrigin.Origin(configured));
        Assert.Contains(CrossOrigin.Section, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://host.example", "https://host.example")]
    [InlineData("HTTPS://Host.Example:8443", "https://host.example:8443")]
    [InlineData("http://localhost:5174", "http://localhost:5174")]
    [InlineData("https://host.example:443", "https://host.example")]
    public void A_configured_origin_is_kept_as_a_browser_sends_it(string configured, string origin) =>
        Assert.Equal(origin, CrossOrigin.Origin(configured));

    [Fact]
    public void An_api_configured_with_a_wildcard_does_not_start()
    {
        using var api = Factory.WithWebHostBuilder(b => b.UseSetting($"{CrossOrigin.Section}:0", "*"));
        var refused = Assert.Throws<InvalidOperationException>(() => api.CreateClient());
        Assert.Contains("never '*'", refused.Message, StringComparison.Ordinal);
    }

    private WebApplicationFactory<Program> Allowing(params string[] origins) => Factory.WithWebHostBuilder(b =>
    {
        for (var i = 0; i < origins.Length; i++)
        {
            b.UseSetting($"{CrossOrigin.Section}:{i}", origins[i]);
        }
    });

    /// <summary>A request from a page on <paramref name="origin"/>, signed in with <paramref name="token"/> when given.</summary>
    private static Task<HttpResponseMessage> FromAsync(HttpClient client, HttpMethod method, string path, string origin, string? token = null) =>
        SendRawAsync(client, method, path, null, ("Origin", origin), ("Authorization", token is null ? null : $"Bearer {token}"));

    private static Task<HttpResponseMessage> PreflightAsync(HttpClient client, string path, string origin, string method, string headers) =>
        SendRawAsync(client, HttpMethod.Options, path, null,
            ("Origin", origin), ("Access-Control-Request-Method", method), ("Access-Control-Request-Headers", headers));
}
