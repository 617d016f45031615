using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// The web UI's files served from <c>Slots:WebRoot</c> (here a folder made by the test, standing in for <c>web/dist</c>):
/// the page for the UI's own routes, the API's paths untouched. The page is no part of the API's document, so its
/// answers are read with a plain client.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class WebUiTests(SlotsApiFactory factory) : ApiTestBase(factory), IDisposable
{
    private const string Page = "<!doctype html><title>Consulting Slots</title><div id=\"root\"></div>";
    private readonly string _root = Directory.CreateTempSubdirectory("slots-web-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("/")]
    [InlineData("/manage")]
    [InlineData("/specialists/ann%40example.com")]
    [InlineData("/me/bookings?tab=past")]
    public async Task The_uis_routes_answer_with_its_page_under_a_strict_policy(string path)
    {
        await using var api = ServingUi();
        using var client = api.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Page, await response.Content.ReadAsStringAsync());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Hashed_assets_are_served_as_files_and_kept_for_a_year()
    {
        await using var api = ServingUi();
        using var client = api.CreateClient();

        var response = await client.GetAsync("/assets/index-abc123.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("console.log(1)", await response.Content.ReadAsStringAsync());
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("/api/nothing-here")]
    [InlineData("/api/consulting-slots/not-a-guid/book/x")]
    [InlineData("/health/nothing")]
    [InlineData("/openapi/v2.json")]
    [InlineData("/docs/nothing/here")]
    [InlineData("/assets/missing-123.js")]
    public async Task The_apis_paths_and_missing_files_stay_404_problems(string path)
    {
        await using var api = ServingUi();
        using var client = api.CreateClient();

        await ProblemAsync(await client.GetAsync(path), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_apis_own_answers_are_untouched()
    {
        await using var api = ServingUi();
        using var client = api.CreateClient();

        Assert.Equal("application/json", (await client.GetAsync("/openapi/v1.json")).Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.DoesNotContain(Page, await client.GetStringAsync("/docs"), StringComparison.Ordinal);
        await ProblemAsync(await client.GetAsync("/api/me/bookings"), HttpStatusCode.Unauthorized);
        await ProblemAsync(await client.PostAsync("/manage", Json("{}")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Without_a_web_root_nothing_is_served_at_the_root()
    {
        await using var api = Factory.WithWebHostBuilder(_ => { });
        using var client = api.CreateClient();

        await ProblemAsync(await client.GetAsync("/"), HttpStatusCode.NotFound);
        await ProblemAsync(await client.GetAsync("/manage"), HttpStatusCode.NotFound);
    }

    /// <summary>The icon every browser asks for on its first visit, with or without the web UI (the reference at /docs is a page too).</summary>
    [Fact]
    public async Task The_favicon_is_an_icon_with_or_without_a_web_root()
    {
        await using var withUi = ServingUi();
        foreach (var client in new[] { withUi.CreateClient(), Factory.NewClient(null) })
        {
            using (client)
            {
                var response = await client.GetAsync("/favicon.ico");

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
                var icon = await response.Content.ReadAsByteArrayAsync();
                // An ICO directory of one 32 px image (reserved 0, type 1, count 1), the image a PNG.
                Assert.Equal(new byte[] { 0, 0, 1, 0, 1, 0, 32, 32 }, icon[..8]);
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, icon[22..26]);
                Assert.Equal(TimeSpan.FromDays(1), response.Headers.CacheControl?.MaxAge);
            }
        }
    }

    /// <summary>A variant of the API serving a web root; the caller disposes of it, or its host (and its webhook dispatcher) runs on to the end of the run.</summary>
    private WebApplicationFactory<Program> ServingUi()
    {
        File.WriteAllText(Path.Combine(_root, "index.html"), Page);
        Directory.CreateDirectory(Path.Combine(_root, "assets"));
        File.WriteAllText(Path.Combine(_root, "assets", "index-abc123.js"), "console.log(1)");
        return Factory.WithWebHostBuilder(b => b.UseSetting("Slots:WebRoot", _root));
    }
}
