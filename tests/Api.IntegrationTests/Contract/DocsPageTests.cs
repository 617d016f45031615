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
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.ContractTools,
            ArgumentList = { "docs-page-check.mjs", page.ToString(), "Book a seat" },
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"the page check exited with {process.ExitCode}: {output}{await stderr}");

        var result = JsonDocument.Parse(output).RootElement;
        Assert.True(result.GetProperty("rendered").GetBoolean(), output);
        Assert.Empty(result.GetProperty("foreign").EnumerateArray());
        Assert.Empty(result.GetProperty("consoleErrors").EnumerateArray());
        Assert.Empty(result.GetProperty("failed").EnumerateArray());
        Assert.Contains(result.GetProperty("requests").EnumerateArray(), r => r.GetString()!.EndsWith("/openapi/v1.json", StringComparison.Ordinal));
    }
}
