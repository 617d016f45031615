using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests.Contract;

/// <summary>
/// What the document (<c>docs/openapi.json</c>, which <see cref="ContractLintTests"/> holds equal to the served one)
/// promises about a response: the operation is found by method and path; its status must be listed; the content type
/// and body must match the listed schema (JSON Schema 2020-12, formats checked); the headers it lists are checked
/// when sent, and <c>Retry-After</c> (429, 503) and <c>Location</c> (201) must be sent. A path no operation matches
/// (a typo, a route the fuzz tests make up, a deprecated alias) may only answer an error body of the document's
/// problem schema for its status.
/// </summary>
public sealed partial class ResponseContract
{
    private const string ProblemJson = "application/problem+json";

    private static readonly Lazy<ResponseContract> Committed = new(() =>
        new ResponseContract(File.ReadAllText(Path.Combine(Repository.Root, "docs", "openapi.json"))));

    private readonly JsonElement _document;
    private readonly string _definitions;
    private readonly List<(string Method, Regex Path, JsonElement Operation)> _operations = [];
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    private ResponseContract(string document)
    {
        _document = JsonDocument.Parse(document).RootElement.Clone();
        _definitions = Rewrite(_document.GetProperty("components").GetProperty("schemas").GetRawText());
        foreach (var path in _document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                _operations.Add((operation.Name.ToUpperInvariant(), Template(path.Name, operation.Value), operation.Value));
            }
        }
    }

    public static ResponseContract Instance => Committed.Value;

    /// <summary>Every way the response breaks the document; empty when it keeps its word.</summary>
    public IReadOnlyList<string> Check(string method, string path, HttpResponseMessage message, string body)
    {
        var status = message.StatusCode;
        var mediaType = message.Content.Headers.ContentType?.MediaType;
        var code = ((int)status).ToString(CultureInfo.InvariantCulture);
        path = Successor(message) ?? path;
        var operation = _operations.FirstOrDefault(o => o.Method == method && o.Path.IsMatch(path)).Operation;
        JsonElement response;
        string? operationId = null;
        if (operation.ValueKind == JsonValueKind.Object)
        {
            operationId = operation.GetProperty("operationId").GetString();
            if (!operation.GetProperty("responses").TryGetProperty(code, out response))
            {
                return [$"{operationId} answered {code}, which it does not document"];
            }
        }
        else if (!path.StartsWith("/api/", StringComparison.Ordinal))
        {
            return []; // health and the document itself: not part of the API's document
        }
        else if (!ProblemResponse(code, out response))
        {
            // 405 belongs to no operation (the path exists, the method does not): a problem with its code is all it owes.
            return status == HttpStatusCode.MethodNotAllowed && mediaType == ProblemJson
                && JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var c) && c.GetString() == Api.Errors.ProblemCodes.MethodNotAllowed
                ? []
                : [$"{method} {path} matches no operation and answered {code}, not a documented problem:\n{Cut(body)}"];
        }

        var where = operationId ?? $"{method} {path}";
        var errors = new List<string>();
        CheckHeaders(where, code, response, message, errors);
        if (!response.TryGetProperty("content", out var content))
        {
            if (body.Length > 0)
            {
                errors.Add($"{where} {code} has a body but documents none");
            }

            return errors;
        }

        if (mediaType is null || !content.TryGetProperty(mediaType, out var media))
        {
            errors.Add($"{where} {code} answered {mediaType ?? "no content type"}; documented: {string.Join(", ", content.EnumerateObject().Select(c => c.Name))}");
            return errors;
        }

        var key = $"{where}|{code}|{mediaType}";
        var schema = _schemas.GetOrAdd(key, _ => Build(media.GetProperty("schema")));
        // A JSON body is checked as itself; a text one (an iCalendar feed) as the string its schema describes.
        var instance = mediaType.EndsWith("json", StringComparison.Ordinal) ? JsonDocument.Parse(body).RootElement : JsonSerializer.SerializeToElement(body);
        var result = schema.Evaluate(instance,
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (!result.IsValid)
        {
            var details = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
            errors.Add($"{where} {code} body breaks its schema: {string.Join("; ", details.Take(5))}\n{Cut(body)}");
        }

        return errors;
    }

    private void CheckHeaders(string where, string code, JsonElement response, HttpResponseMessage message, List<string> errors)
    {
        var documented = response.TryGetProperty("headers", out var list) ? list.EnumerateObject().ToList() : [];
        foreach (var header in documented)
        {
            var definition = Resolve(header.Value);
            var sent = message.Headers.TryGetValues(header.Name, out var values) || message.Content.Headers.TryGetValues(header.Name, out values)
                ? values.ToList()
                : [];
            if (sent.Count == 0)
            {
                if (definition.TryGetProperty("required", out var required) && required.GetBoolean())
                {
                    errors.Add($"{where} {code} did not send the required header {header.Name}");
                }

                continue;
            }

            var headerSchema = definition.GetProperty("schema");
            // A deprecated path's own link to its successor is not part of the successor's answer.
            foreach (var value in sent.Where(v => !SuccessorLink().IsMatch(v)))
            {
                var instance = headerSchema.TryGetProperty("type", out var type) && type.GetString() == "integer"
                    ? (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n.ToString(CultureInfo.InvariantCulture) : JsonSerializer.Serialize(value))
                    : JsonSerializer.Serialize(value);
                var result = _schemas.GetOrAdd($"header|{where}|{code}|{header.Name}", _ => Build(headerSchema))
                    .Evaluate(JsonDocument.Parse(instance).RootElement, new EvaluationOptions { RequireFormatValidation = true });
                if (!result.IsValid)
                {
                    errors.Add($"{where} {code} sent {header.Name}: {value}, which breaks its schema");
                }
            }
        }
    }

    /// <summary>
    /// A deprecated path says so (<c>Deprecation</c>) and names the path that replaced it (<c>successor-version</c>),
    /// whose operation it answers as; left out of the document, it is held to its successor's word.
    /// </summary>
    private static string? Successor(HttpResponseMessage message) =>
        message.Headers.Contains("Deprecation") && message.Headers.TryGetValues("Link", out var links)
            ? links.Select(l => SuccessorLink().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value
            : null;

    [GeneratedRegex("^<([^>]+)>; rel=\"successor-version\"$")]
    private static partial Regex SuccessorLink();

    /// <summary>The answer every operation documents for <paramref name="code"/>, when one documents it as a problem.</summary>
    private bool ProblemResponse(string code, out JsonElement response)
    {
        foreach (var (_, _, operation) in _operations)
        {
            if (operation.GetProperty("responses").TryGetProperty(code, out response)
                && response.TryGetProperty("content", out var content) && content.TryGetProperty(ProblemJson, out _))
            {
                return true;
            }
        }

        response = default;
        return false;
    }

    private JsonElement Resolve(JsonElement item) =>
        item.TryGetProperty("$ref", out var reference)
            ? reference.GetString()!.TrimStart('#', '/').Split('/').Aggregate(_document, (e, segment) => e.GetProperty(segment))
            : item;

    private JsonSchema Build(JsonElement schema)
    {
        var own = Rewrite(schema.GetRawText()).Trim();
        var text = $$"""{"$schema":"https://json-schema.org/draft/2020-12/schema","$defs":{{_definitions}},"allOf":[{{own}}]}""";
        return JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    private static string Rewrite(string json) => json.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);

    /// <summary>A path template as a pattern; a parameter documented as a UUID only matches a UUID, as the route does.</summary>
    private static Regex Template(string template, JsonElement operation)
    {
        var uuids = operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray()
                .Where(p => p.GetProperty("schema").TryGetProperty("format", out var f) && f.GetString() == "uuid")
                .Select(p => p.GetProperty("name").GetString())
                .ToHashSet()
            : [];
        var pattern = Regex.Replace(Regex.Escape(template).Replace("\\{", "{", StringComparison.Ordinal), "{([^}]+)}", m =>
            uuids.Contains(m.Groups[1].Value) ? "[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}" : "[^/]+");
        return new Regex($"^{pattern}$", RegexOptions.CultureInvariant);
    }

    private static string Cut(string body) => body.Length > 600 ? body[..600] + "..." : body;
}
