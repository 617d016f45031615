using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests.Contract;

/// <summary>
/// The served document against Redocly's recommended rules and Spectral's OpenAPI and whole OWASP rulesets: no errors,
/// and only the warnings listed in <c>tools/contract</c>, each with its reason. The copy committed in
/// <c>docs/openapi.json</c>, which clients and the web UI generate from, is the served one, and the .NET client is
/// generated from it.
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

    /// <summary>
    /// No error, and the warnings are exactly those listed in <c>tools/contract/spectral-warnings.txt</c>, each with its
    /// reason: a new one fails until it is fixed or listed, and one that went away until its line is removed.
    /// </summary>
    [Fact]
    public async Task Spectral_oas_and_owasp_rules_find_no_error_and_only_the_listed_warnings()
    {
        var file = await ServedDocumentFileAsync();
        var report = Path.Combine(Path.GetTempPath(), $"slots-spectral-{Guid.NewGuid():N}.json");
        var (exit, output) = await RunAsync("spectral", "lint", file, "--ruleset", Path.Combine(Repository.ContractTools, ".spectral.yaml"),
            "--fail-severity", "error", "--format", "json", "--output", report, "--quiet");

        Assert.True(exit == 0, $"spectral lint exited with {exit}:\n{output}\n{(File.Exists(report) ? await File.ReadAllTextAsync(report) : "")}");
        var results = JsonNode.Parse(await File.ReadAllTextAsync(report))!.AsArray();
        Assert.DoesNotContain(results, r => r!["severity"]!.GetValue<int>() == 0);
        var found = results.Where(r => r!["severity"]!.GetValue<int>() == 1)
            .Select(r => $"{r!["code"]} {string.Join('.', r["path"]!.AsArray().Select(p => p!.ToString()))}").ToHashSet();
        var listed = (await File.ReadAllLinesAsync(Path.Combine(Repository.ContractTools, "spectral-warnings.txt")))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split("  ", 2))
            .Select(parts => (Line: parts[0], Reason: parts.Length == 2 ? parts[1].Trim() : "",
                Pattern: new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(parts[0].Trim()).Replace("\\*", ".*", StringComparison.Ordinal)}$")))
            .ToList();
        Assert.All(listed, l => Assert.True(l.Reason.Length > 0, $"{l.Line} is listed without its reason"));
        var unlisted = found.Where(w => !listed.Any(l => l.Pattern.IsMatch(w))).Order().ToList();
        var gone = listed.Where(l => !found.Any(l.Pattern.IsMatch)).Select(l => l.Line).ToList();
        Assert.True(unlisted.Count == 0 && gone.Count == 0,
            $"Spectral's warnings differ from tools/contract/spectral-warnings.txt.\nNot listed:\n  {string.Join("\n  ", unlisted)}\nListed but gone:\n  {string.Join("\n  ", gone)}");
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

    /// <summary>The typed .NET client (clients/dotnet/Generated) is what Kiota makes of the committed document today.</summary>
    [Fact]
    public async Task The_committed_dotnet_client_is_generated_from_the_committed_document()
    {
        var committed = Path.Combine(Repository.Root, "clients", "dotnet", "Generated");
        var fresh = Directory.CreateTempSubdirectory("slots-client-").FullName;
        try
        {
            var start = new ProcessStartInfo("bash") { WorkingDirectory = Repository.Root, ArgumentList = { Path.Combine(Repository.Root, "scripts", "dotnet-client.sh"), fresh } };
            var (exit, output, errors) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(3));
            Assert.True(exit == 0, $"scripts/dotnet-client.sh exited with {exit}:\n{output}{errors}");

            static Dictionary<string, string> Files(string root) => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText);
            var want = Files(fresh);
            var have = Files(committed);
            // The lock file names the document by a path relative to where it was written; its hash of the document counts.
            static string? Hash(Dictionary<string, string> files) =>
                JsonNode.Parse(files.GetValueOrDefault("kiota-lock.json", "{}"))?["descriptionHash"]?.GetValue<string>();
            Assert.Equal(Hash(want), Hash(have));
            var differ = want.Keys.Union(have.Keys).Where(f => f != "kiota-lock.json" && want.GetValueOrDefault(f) != have.GetValueOrDefault(f)).Order().ToList();
            Assert.True(differ.Count == 0, $"clients/dotnet/Generated differs from the document in {string.Join(", ", differ.Take(10))}: run ./slots openapi and commit the change");
        }
        finally
        {
            Directory.Delete(fresh, recursive: true);
        }
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
