using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Slots.Api.OpenApi;

/// <summary>Tells API clients in the OpenAPI document which operations need a bearer token (all but the public ones).</summary>
public static class OpenApiBearer
{
    public const string Scheme = "Bearer";

    public static OpenApiOptions AddBearerSecurity(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT (RFC 7519) handled as RFC8725 (JSON Web Token Best Current Practices) asks: the "
                    + "algorithms are pinned (HS256 for local tokens, RS256 by default with an external authority), and issuer, "
                    + "audience, lifetime (at most 24 h for local tokens) and signature are always checked. Claims: sub, email "
                    + "(ASCII, with email_verified: true for a specialist who publishes), name and role (customer, specialist, "
                    + "admin, or service for an internal service, whose space-separated scope claim names what it may do: "
                    + "events:read, webhooks:manage, bookings:write). Locally: ./slots token.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] });
            }
            else
            {
                // An empty requirement: anyone may call it, which the document then says rather than leaves unsaid.
                operation.Security = [new OpenApiSecurityRequirement()];
            }

            return Task.CompletedTask;
        });
        return options;
    }
}
