using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Application.Common;

namespace Slots.Api.IntegrationTests.Contract;

/// <summary>
/// Every field a validator of the API can name in a 400's <c>errors</c> is a field of the document: a request body's
/// property or a parameter. The web UI's test (<c>web/src/app/api/problems.test.ts</c>) holds that every such field has
/// a sentence for people; together, a rule on a field the UI cannot put in words fails one of the two.
/// </summary>
public class FieldRulesTests
{
    /// <summary>Named by the API for a body it cannot read at all; not a field.</summary>
    private const string Body = "body";

    [Fact]
    public void Every_field_a_validator_names_is_in_the_document()
    {
        var documented = DocumentedFields();
        var services = new ServiceCollection().AddSingleton(TimeProvider.System).BuildServiceProvider();
        var validators = typeof(Paging).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetInterfaces().Contains(typeof(IValidator)))
            .Select(t => (IValidator)ActivatorUtilities.CreateInstance(services, t))
            .ToList();

        var named = validators
            .SelectMany(v => v.CreateDescriptor().GetMembersWithValidators().Select(m => (Validator: v.GetType().Name, Field: m.Key is null ? "" : JsonNamingPolicy.CamelCase.ConvertName(m.Key))))
            .ToList();

        Assert.True(validators.Count > 15, $"only {validators.Count} validators found");
        // A rule on the whole request (RuleFor(c => c)) names the fields it finds itself; they are the body's own.
        Assert.Empty(named.Where(n => !string.IsNullOrEmpty(n.Field) && n.Field != Body && !documented.Contains(n.Field)).Select(n => $"{n.Validator}: {n.Field}"));
    }

    /// <summary>The properties of every request body (and of the objects within) and the names of every parameter.</summary>
    private static HashSet<string> DocumentedFields()
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "docs", "openapi.json")))!;
        var schemas = document["components"]!["schemas"]!.AsObject();
        var fields = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        void Walk(JsonNode? schema)
        {
            switch (schema)
            {
                case JsonObject o when o["$ref"]?.GetValue<string>() is { } reference:
                    var name = reference.Split('/')[^1];
                    if (seen.Add(name))
                    {
                        Walk(schemas[name]);
                    }

                    break;
                case JsonObject o:
                    foreach (var (property, value) in o["properties"]?.AsObject() ?? [])
                    {
                        fields.Add(property);
                        Walk(value);
                    }

                    foreach (var key in new[] { "items", "additionalProperties" })
                    {
                        Walk(o[key]);
                    }

                    foreach (var key in new[] { "anyOf", "oneOf", "allOf" })
                    {
                        foreach (var part in o[key]?.AsArray() ?? [])
                        {
                            Walk(part);
                        }
                    }

                    break;
            }
        }

        foreach (var (_, operations) in document["paths"]!.AsObject())
        {
            foreach (var (_, operation) in operations!.AsObject())
            {
                foreach (var parameter in operation?["parameters"]?.AsArray() ?? [])
                {
                    fields.Add(parameter!["name"]!.GetValue<string>());
                }

                foreach (var (_, content) in operation?["requestBody"]?["content"]?.AsObject() ?? [])
                {
                    Walk(content!["schema"]);
                }
            }
        }

        return fields;
    }
}
