using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests.Contract;

/// <summary>
/// The served document against Redocly's recommended rules and Spectral's OpenAPI and OWASP rulesets (the rules
/// turned off are in <c>tools/contract</c>, each with its reason): no errors. And the copy committed in
/// <c>docs/openapi.json</c>, which clients and the web UI generate from, is the served one.
/// </summary>
[Collection(ApiCollection.Name)]
public class ContractLintTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Redocly_recommended_rules_find_no_error()
    {
        var file = await ServedDocumentFileAsync();
        var (exit, output) = await RunAsync("redocly", "lint", file, "--config", Path.Combine(Repository.ContractTools, "redocly.yaml"),
            "--format", "stylish");

        Assert.True(exit == 0, $"redocly lint exited with {exit}:\n{output}");
        Assert.Contains("valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spectral_oas_and_owasp_rules_find_no_error()
    {
        var file = await ServedDocumentFileAsync();
        var (exit, output) = await RunAsync("spectral", "lint", file, "--ruleset", Path.Combine(Repository.ContractTools, ".spectral.yaml"),
            "--fail-severity", "error", "--format", "text");

        Assert.True(exit == 0, $"spectral lint exited with {exit}:\n{output}");
        Assert.DoesNotContain(" error ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_committed_document_is_the_served_one()
    {
        var served = JsonNode.Parse(await ServedDocumentAsync())!;
        var committed = Path.Combine(Repository.Root, "docs", "openapi.json");
        if (Environment.GetEnvironmentVariable("SLOTS_WRITE_CONTRACT") == "1")
        {
            await File.WriteAllTextAsync(committed, served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }

        Assert.True(File.Exists(committed), "docs/openapi.json is missing: run ./slots openapi");
        Assert.True(
            JsonNode.DeepEquals(served, JsonNode.Parse(await File.ReadAllTextAsync(committed))),
            "docs/openapi.json differs from the served document: run ./slots openapi and commit the change");
    }

    private async Task<string> ServedDocumentAsync()
    {
        using var anonymous = Factory.NewClient(null);
        var response = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<string> ServedDocumentFileAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"slots-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await ServedDocumentAsync());
        return file;
    }

    private static async Task<(int Exit, string Output)> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(Repository.ContractToolsBin, tool)) { WorkingDirectory = Repository.ContractTools };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var (exit, output, errors) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2));
        return (exit, output + errors);
    }
}
