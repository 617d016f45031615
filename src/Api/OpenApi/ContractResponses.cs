using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Slots.Api.Errors;
using Slots.Application.Common;

namespace Slots.Api.OpenApi;

/// <summary>
/// Every answer an operation can give, each with its schema: the error bodies per status with that status's
/// <see cref="ProblemCodes"/> as the <c>code</c> enum; <c>Retry-After</c> on 429 and 503; <c>Location</c> on 201;
/// <c>Link</c> on the lists; the caller's budget (<c>RateLimit</c>, <c>RateLimit-Policy</c>) on every 2xx and 4xx;
/// <c>Access-Control-Allow-Origin</c> on every answer; and the bounds of each operation's parameters.
/// </summary>
public static class ContractResponses
{
    private const string ProblemJson = "application/problem+json";
    private const string RetryAfter = "Retry-After";
    private const string AllowOrigin = "Access-Control-Allow-Origin";
    private const int MaxUriLength = 2048;

    private static readonly Dictionary<int, (string Schema, string Description)> Problems = new()
    {
        [400] = ("ValidationProblem", "The request is invalid: `errors` maps each field to what is wrong with it."),
        [401] = ("UnauthenticatedProblem", "No bearer token, or one that is not valid (`WWW-Authenticate` says why)."),
        [403] = ("ForbiddenProblem", "The caller's role or identity may not do this."),
        [404] = ("NotFoundProblem", "No such slot or booking (or one the caller may not see)."),
        [409] = ("ConflictProblem", "The current state (of the slot, or of a delivery) does not allow this; `code` says which."),
        [410] = ("GoneProblem", "What the request points at is gone for good: a feed position before the retention's horizon."),
        [412] = ("PreconditionFailedProblem", "`If-Match` names a version the slot no longer has: read it again (its `ETag`)."),
        [413] = ("PayloadTooLargeProblem", "The request body is larger than the API accepts."),
        [415] = ("UnsupportedMediaTypeProblem", "The body is not `application/json`."),
        [422] = ("IdempotencyKeyReusedProblem", "The `Idempotency-Key` was used for a different request by this caller: use a new key."),
        [429] = ("RateLimitedProblem", "Too many requests from this caller; try again after `Retry-After` seconds."),
        [500] = ("InternalErrorProblem", "An unexpected error; it has been logged. Nothing about internals is said."),
        [503] = ("UnavailableProblem", "Busy or the database is unreachable; try again after `Retry-After` seconds."),
    };

    public static void Apply(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.Remove("ProblemDetails");
        document.Components.Schemas.Remove("HttpValidationProblemDetails");
        foreach (var (status, (name, _)) in Problems)
        {
            document.Components.Schemas[name] = ProblemSchema(status);
        }

        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        document.Components.Headers[RetryAfter] = Header("Seconds to wait before trying again.", Integer(1, 3600), required: true);
        document.Components.Headers[Security.RateLimitHeaders.PolicyHeader] = Header(
            "The budgets this request spent from (IETF draft \"RateLimit header fields for HTTP\"): each a quoted name, `q` "
            + "requests, refilled over `w` seconds; e.g. `\"bookings\";q=10;w=60`. A calendar feed names two (the caller's "
            + "and the feed's own); so does a series that writes slots (the caller's and `\"bulk-slots\";q=2000;w=3600`, a "
            + "token per slot written). Absent for an admin, who is not limited.",
            new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 256, Pattern = "^\"[a-z-]+\";q=\\d+;w=\\d+(, \"[a-z-]+\";q=\\d+;w=\\d+)*$" });
        document.Components.Headers[Security.RateLimitHeaders.RemainingHeader] = Header(
            "What is left of each budget `RateLimit-Policy` names: `r` requests now, `t` seconds until the budget is whole "
            + "again; e.g. `\"bookings\";r=9;t=6`. On successes and refusals alike; absent for an admin.",
            new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 256, Pattern = "^\"[a-z-]+\";r=\\d+;t=\\d+(, \"[a-z-]+\";r=\\d+;t=\\d+)*$" });
        document.Components.Headers[AllowOrigin] = Header(
            "The request's `Origin`, when it is one of `Slots:Cors:AllowedOrigins` (none unless configured; never `*`); "
            + "absent otherwise, and a browser then keeps the answer from the page.",
            new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri", MaxLength = MaxUriLength, Pattern = "^https?://[^/]+$" });
        document.Components.Headers[Http.ReadAfter.Header] = Header(
            "Where this change committed, when the customers' view may be read from a standby (absent otherwise): send it "
            + "back as `Slots-Read-After` on `listAvailableSlots` and the answer includes this change.",
            new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = ReadPositions.MaxLength, Pattern = ReadPositions.Pattern });
        foreach (var (method, operation) in document.Paths.Values.SelectMany(p => p.Operations ?? []))
        {
            Answer(document, operation);
            LimitParameters(operation);
            Budget(document, operation);
            if (method != HttpMethod.Get)
            {
                Committed(document, operation);
            }
        }
    }

    /// <summary>The commit's token (<see cref="Http.ReadAfter"/>) on a command's successful answers.</summary>
    private static void Committed(OpenApiDocument document, OpenApiOperation operation)
    {
        foreach (var response in (operation.Responses ?? []).Where(r => r.Key[0] == '2').Select(r => r.Value).OfType<OpenApiResponse>())
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[Http.ReadAfter.Header] = new OpenApiHeaderReference(Http.ReadAfter.Header, document);
        }
    }

    /// <summary>Every route spends from a budget (RateLimits), and any answer may go to a page on an allowed origin (CORS).</summary>
    private static void Budget(OpenApiDocument document, OpenApiOperation operation)
    {
        foreach (var (status, answer) in operation.Responses ?? [])
        {
            if (answer is not OpenApiResponse response)
            {
                continue;
            }

            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[AllowOrigin] = new OpenApiHeaderReference(AllowOrigin, document);
            if (status[0] is '2' or '4')
            {
                response.Headers[Security.RateLimitHeaders.PolicyHeader] = new OpenApiHeaderReference(Security.RateLimitHeaders.PolicyHeader, document);
                response.Headers[Security.RateLimitHeaders.RemainingHeader] = new OpenApiHeaderReference(Security.RateLimitHeaders.RemainingHeader, document);
            }
        }
    }

    private static void Answer(OpenApiDocument document, OpenApiOperation operation)
    {
        operation.Responses ??= new OpenApiResponses();
        // Every route spends from a budget (RateLimits): any may answer 429.
        var statuses = new HashSet<int>(operation.Responses.Keys.Select(k => int.Parse(k, CultureInfo.InvariantCulture))) { 400, 429, 500, 503 };
        var secured = operation.Security is not { Count: 1 } || operation.Security[0].Count > 0;
        if (secured)
        {
            statuses.UnionWith([401, 403]);
        }

        if (operation.RequestBody is not null)
        {
            statuses.UnionWith([413, 415]);
        }

        foreach (var status in statuses.Where(s => s >= 400))
        {
            var (schema, description) = Problems[status];
            var response = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ProblemJson] = new() { Schema = new OpenApiSchemaReference(schema, document) },
                },
            };
            if (status is 429 or 503)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader> { [RetryAfter] = new OpenApiHeaderReference(RetryAfter, document) };
            }

            operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = response;
        }

        // Every answer that carries a slot, or the bookable list, is tagged (If-None-Match and If-Match compare with it).
        foreach (var status in new[] { "200", "201", "304" })
        {
            if (operation.OperationId is "getSlot" or "createSlot" or "updateSlot" or "listAvailableSlots"
                && operation.Responses.TryGetValue(status, out var tagged) && tagged is OpenApiResponse taggedResponse)
            {
                taggedResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
                taggedResponse.Headers["ETag"] = Header(
                    "A strong entity tag: a slot's version (\"v3\"), a list's body hash (\"h...\").",
                    new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 64, Pattern = "^\"[A-Za-z0-9_-]+\"$" },
                    required: true);
            }
        }

        foreach (var calendar in operation.Responses.Values.SelectMany(r => r.Content ?? new Dictionary<string, OpenApiMediaType>())
            .Where(c => c.Key == "text/calendar").Select(c => c.Value))
        {
            // A feed holds at most 2,000 events of a few hundred bytes each.
            calendar.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                MaxLength = 8_000_000,
                Pattern = "^BEGIN:VCALENDAR",
                Description = "iCalendar (RFC 5545) text: one VEVENT per session, times in UTC.",
            };
        }

        foreach (var events in operation.Responses.Values.SelectMany(r => r.Content ?? new Dictionary<string, OpenApiMediaType>())
            .Where(c => c.Key == "text/event-stream").Select(c => c.Value))
        {
            events.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                // No bound but the connection's: the stream lasts as long as the client keeps it open.
                MaxLength = int.MaxValue,
                Pattern = "^retry: ",
                Description = "Server-Sent Events (text/event-stream): `retry`, then events of `id` (a feed position), `event` "
                    + "(ready, seats, removed, reset) and one `data` line of JSON; comments (`: keep-alive`) between them.",
            };
        }

        // An answer kept for an Idempotency-Key (the operations that take one answer 422 for a reused key) says so when sent again.
        foreach (var status in (string[])["201", "204"])
        {
            if (operation.Responses.ContainsKey("422") && operation.Responses.TryGetValue(status, out var kept) && kept is OpenApiResponse keptResponse)
            {
                keptResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
                keptResponse.Headers[Http.IdempotencyKeyFilter.ReplayedHeader] = Header(
                    "`true` when this is the answer kept for the request's `Idempotency-Key`, sent again.",
                    new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("true")], MaxLength = 4 });
            }
        }

        if (operation.Responses.TryGetValue("201", out var created) && created is OpenApiResponse createdResponse)
        {
            createdResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
            createdResponse.Headers["Location"] = Header(
                "Where what was created is read: a slot at /api/consulting-slots/{slotId}, a webhook subscription's deliveries at /api/webhooks/{webhookId}/deliveries.",
                UriReference(), required: true);
        }

        if (operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse okResponse
            && okResponse.Content?.Values.FirstOrDefault()?.Schema is OpenApiSchema { Type: JsonSchemaType.Array } list)
        {
            list.MaxItems = ContractLimits.PageSizeOf(operation.OperationId).Max;
            okResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
            okResponse.Headers["Link"] = Header(
                "The next page, when there is one: `<relative URL>; rel=\"next\"` (RFC 8288).",
                new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = MaxUriLength + 16, Pattern = "^<[^>]+>; rel=\"next\"$" });
        }
    }

    private static void LimitParameters(OpenApiOperation operation)
    {
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            var schema = new OpenApiSchema { Type = JsonSchemaType.String };
            if (parameter.Name == "limit")
            {
                var (max, defaultSize) = ContractLimits.PageSizeOf(operation.OperationId);
                ContractLimits.PageSize(schema, max, defaultSize);
            }
            else if (!ContractLimits.TryApply($"{operation.OperationId}.{parameter.Name}", schema)
                && !ContractLimits.TryApply(parameter.Name ?? "", schema))
            {
                throw new InvalidOperationException($"No limits are known for the parameter '{parameter.Name}': add them to ContractLimits.");
            }

            parameter.Schema = schema;
        }
    }

    private static OpenApiSchema ProblemSchema(int status)
    {
        var required = new HashSet<string> { "type", "title", "status", "detail", "code", "traceId" };
        if (status == 400)
        {
            required.Add("errors");
        }

        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = $"An RFC 9457 problem for {status}, with a stable `code`.",
            Required = required,
            AdditionalPropertiesAllowed = false,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Uri("A URI that identifies the kind of problem, or about:blank.", MaxUriLength),
                ["title"] = Text("A short summary of the kind of problem.", 200),
                ["status"] = Integer(status, status),
                ["detail"] = Text("What went wrong, for a person to read.", 4000),
                ["instance"] = Uri("The request's path.", 8192),
                ["code"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "Stable and machine-readable: branch on this, not on the texts.",
                    MaxLength = 64,
                    Enum = [.. ProblemCodes.ByStatus[status].Select(c => (JsonNode)JsonValue.Create(c))],
                },
                ["traceId"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "The request's trace (its W3C trace id, or the server's request id without one), to quote when reporting it.",
                    MaxLength = 128,
                    Pattern = "^[A-Za-z0-9:._-]+$",
                },
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Each invalid field (camelCase) and what is wrong with it.",
                    MaxProperties = 64,
                    AdditionalProperties = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Array,
                        MaxItems = 32,
                        Items = Text("One thing wrong with the field.", 1000),
                    },
                },
            },
        };
    }

    private static OpenApiHeader Header(string description, OpenApiSchema schema, bool required = false) =>
        new() { Description = description, Schema = schema, Required = required };

    private static OpenApiSchema Text(string description, int maxLength) =>
        new() { Type = JsonSchemaType.String, Description = description, MaxLength = maxLength };

    private static OpenApiSchema Uri(string description, int maxLength) =>
        new() { Type = JsonSchemaType.String, Description = description, Format = "uri-reference", MaxLength = maxLength };

    private static OpenApiSchema UriReference() =>
        new() { Type = JsonSchemaType.String, Format = "uri-reference", MaxLength = MaxUriLength };

    private static OpenApiSchema Integer(int min, int max) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = min.ToString(CultureInfo.InvariantCulture),
        Maximum = max.ToString(CultureInfo.InvariantCulture),
    };
}
