using System.Diagnostics;
using System.Text.Json;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests.Contract;

/// <summary>
/// The interactive reference at <c>/docs</c>, loaded in headless Chromium (Debian's; <c>./slots test</c> installs it
/// when missing): it renders the document's operations, asks no other host for anything (the machine is offline, and
/// so may a reader be), and logs no console error.
/// </summary>
[Collection(ApiCollection.Name)]
public class DocsPageTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task The_docs_page_renders_offline_from_the_api_alone()
    {
        var page = new Uri(Factory.BaseAddress, "docs/");
        var (exit, output, errors) = await ChildProcess.RunAsync(
            new ProcessStartInfo("node")
            {
                WorkingDirectory = Repository.ContractTools,
                ArgumentList = { "docs-page-check.mjs", page.ToString(), "Book a seat" },
            },
            TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, $"the page check exited with {exit}: {output}{errors}");

        var result = JsonDocument.Parse(output).RootElement;
        Assert.True(result.GetProperty("rendered").GetBoolean(), output);
        Assert.Empty(result.GetProperty("foreign").EnumerateArray());
        Assert.Empty(result.GetProperty("consoleErrors").EnumerateArray());
        Assert.Empty(result.GetProperty("failed").EnumerateArray());
        Assert.Contains(result.GetProperty("requests").EnumerateArray(), r => r.GetString()!.EndsWith("/openapi/v1.json", StringComparison.Ordinal));
    }

    /// <summary>
    /// The page comes with a policy of its own: scripts from this origin or with this answer's nonce, which Scalar puts
    /// on its inline start-up script, a new one each time.
    /// </summary>
    [Fact]
    public async Task The_docs_page_has_its_own_policy_with_a_fresh_nonce_on_its_scripts()
    {
        using var anonymous = Factory.CreateClient(); // the page is not in the document, so not contract-checked

        var first = await anonymous.GetAsync("/docs/");
        var second = await anonymous.GetAsync("/docs/");

        var policy = string.Join(";", first.Headers.GetValues("Content-Security-Policy"));
        var nonce = System.Text.RegularExpressions.Regex.Match(policy, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains($"nonce=\"{nonce}\"", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(nonce, string.Join(";", second.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }
}
