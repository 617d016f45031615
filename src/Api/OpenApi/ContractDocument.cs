using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Slots.Api.Contracts;

namespace Slots.Api.OpenApi;

/// <summary>
/// The served OpenAPI document (<c>/openapi/v1.json</c>) made into a contract clients can generate from: who it is
/// for, a relative server, described tags, the bearer scheme, the limits of every field
/// (<see cref="ContractLimits"/>), and every answer an operation can give (<see cref="ContractResponses"/>).
/// </summary>
public static class ContractDocument
{
    public const string Title = "Consulting Slots API";

    public static OpenApiOptions AddSlotsContract(this OpenApiOptions options)
    {
        options.AddBearerSecurity();
        options.AddDocumentTransformer((document, _, _) =>
        {
            Describe(document);
            LimitSchemas(document);
            ContractResponses.Apply(document);
            ContractExamples.Apply(document);
            return Task.CompletedTask;
        });
        return options;
    }

    private static void Describe(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = Title,
            Version = "1.0.0",
            Description = "Specialists publish consulting slots (1:1 or groups) in their own time zone; customers see the "
                + "bookable ones and book a seat; no slot is ever booked beyond its capacity, however many book at once. "
                + "Errors are `application/problem+json` with a stable `code`; 429 and 503 carry `Retry-After`.",
            Contact = new OpenApiContact { Name = "Consulting Slots maintainers", Email = "slots-maintainers@example.com" },
            License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-Proprietary" },
        };
        // Relative: the document is served by the API it describes, wherever that runs.
        document.Servers =
        [
            new OpenApiServer
            {
                Url = "/",
                Description = "The origin that serves this document (local, test and production alike).",
                Extensions = new Dictionary<string, IOpenApiExtension> { ["x-internal"] = new JsonNodeExtension(JsonValue.Create(false)) },
            },
        ];
        document.Tags = new HashSet<OpenApiTag>(
            ApiTags.Descriptions.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
    }

    /// <summary>Every property of every schema, by name; and the lists' items, which no validator needs to bound.</summary>
    private static void LimitSchemas(OpenApiDocument document)
    {
        var schemas = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        if (schemas.TryGetValue(nameof(UpdateSlotRequest), out var update) && update is OpenApiSchema { Properties: { } changes })
        {
            // Read only to refuse them by name (400); the document says so by leaving them out of a closed schema.
            changes.Remove("date");
            changes.Remove("totalCapacity");
        }

        foreach (var named in schemas.Values.OfType<OpenApiSchema>().Where(s => s.Enum?.Any(v => v is null) == true))
        {
            // An enum used nullable somewhere gets null among its values; where it may be null, the use says so (oneOf).
            named.Enum = [.. named.Enum!.Where(v => v is not null)];
        }

        foreach (var (schemaName, schema) in schemas.Select(s => (s.Key, s.Value)).Where(s => s.Value is OpenApiSchema))
        {
            foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                // A name that means one thing in one schema and another elsewhere is bounded by "Schema.name" first.
                if (property is OpenApiSchema inline && !ContractLimits.TryApply($"{schemaName}.{name}", inline))
                {
                    ContractLimits.TryApply(name, inline);
                }
            }
        }

        foreach (var (schema, date) in new[] { (nameof(CreateSlotRequest), "date"), (nameof(CreateSeriesRequest), "from"), (nameof(CreateSeriesRequest), "to") })
        {
            if (schemas.TryGetValue(schema, out var body) && body.Properties?.TryGetValue(date, out var property) == true
                && property is OpenApiSchema inline)
            {
                ContractSchemas.DaysAhead(inline);
            }
        }
    }
}
