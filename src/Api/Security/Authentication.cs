using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Slots.Application.Common.Security;

namespace Slots.Api.Security;

/// <summary>
/// JWT bearer sign-in. In production <c>Auth:Authority</c> names an OpenID Connect provider, whose metadata
/// gives the issuer and signing keys. Locally <c>Auth:SigningKeyFile</c> names a hex HMAC-SHA256 key that
/// <c>./slots run</c> creates (and <c>./slots token</c> signs with), with <c>Auth:Issuer</c>. Either way the
/// signature, issuer, audience (<c>Auth:Audience</c>) and lifetime are checked, and unsigned tokens refused.
/// </summary>
public static class Authentication
{
    private const int MinKeyBytes = 32;

    /// <summary>A local token may be valid for at most this long in all: a leaked one stops working within a day.
    /// </summary>
    public static readonly TimeSpan MaxLocalTokenLifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// What an authority's tokens may be signed with unless <c>Auth:Algorithms</c> says otherwise (RFC 8725 3.1).
    /// </summary>
    private static readonly string[] DefaultAuthorityAlgorithms = [SecurityAlgorithms.RsaSha256];
    private static readonly object FailureKey = new();

    public static IServiceCollection AddSlotsAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var auth = configuration.GetSection("Auth");
        var authority = auth["Authority"];
        var audience = Required(auth, "Audience");
        var local = string.IsNullOrWhiteSpace(authority) ? LocalParameters(auth) : null;

        if (local is not null)
        {
            services.AddSingleton(new LocalTokenIssuer(local.IssuerSigningKey, local.ValidIssuer, audience));
        }

        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddAuthorization();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            if (local is null)
            {
                options.Authority = authority;
                options.Audience = audience;
                options.RequireHttpsMetadata = auth.GetValue("RequireHttpsMetadata", true);
                var pinned = auth.GetSection("Algorithms").Get<string[]>();
                options.TokenValidationParameters.ValidAlgorithms =
                    pinned is { Length: > 0 } ? pinned : DefaultAuthorityAlgorithms;
            }
            else
            {
                options.TokenValidationParameters = local;
            }

            var parameters = options.TokenValidationParameters;
            parameters.ValidAudience = audience;
            parameters.ValidateIssuer = true;
            parameters.ValidateAudience = true;
            parameters.ValidateLifetime = true;
            parameters.RequireExpirationTime = true;
            parameters.RequireSignedTokens = true;
            parameters.ClockSkew = TimeSpan.FromSeconds(30);
            parameters.NameClaimType = "sub";
            parameters.RoleClaimType = "role";
            options.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    if (local is not null && !WithinLocalLifetime(context.SecurityToken))
                    {
                        context.Fail($"A local token may be valid for at most {MaxLocalTokenLifetime.TotalHours:0} hours.");
                        return Task.CompletedTask;
                    }

                    // Read once per request: the actor is kept on the request for HttpCurrentUser.
                    if (context.Principal is not null && ClaimsActor.From(context.Principal) is { } actor)
                    {
                        context.HttpContext.Features.Set(actor);
                    }
                    else
                    {
                        context.Fail(ClaimsActor.Problem);
                    }

                    return Task.CompletedTask;
                },
                OnChallenge = context =>
                {
                    // Kept for the 401 body, which the status-code page writes after the challenge.
                    context.HttpContext.Items[FailureKey] = context.AuthenticateFailure;
                    return Task.CompletedTask;
                },
            };
        });
        return services;
    }

    /// <summary>
    /// Whether a local token lives at most <see cref="MaxLocalTokenLifetime"/>, from the earlier of its <c>iat</c> and
    /// <c>nbf</c> (one is required) to its <c>exp</c>: judged on the token alone, whatever the clock says.
    /// </summary>
    private static bool WithinLocalLifetime(SecurityToken token)
    {
        var issued = token is JsonWebToken { IssuedAt: var iat } && iat != DateTime.MinValue ? iat : DateTime.MaxValue;
        var start = token.ValidFrom != DateTime.MinValue && token.ValidFrom < issued ? token.ValidFrom : issued;
        return start != DateTime.MaxValue && token.ValidTo - start <= MaxLocalTokenLifetime;
    }

    /// <summary>Why the request was not signed in, in words for a 401 body; null when it carried no token.</summary>
    public static string? DescribeFailure(HttpContext context) =>
        context.Items[FailureKey] switch
        {
            null => null,
            SecurityTokenExpiredException => "The token has expired.",
            SecurityTokenNotYetValidException => "The token is not valid yet.",
            SecurityTokenInvalidAudienceException => "The token was issued for another audience.",
            SecurityTokenInvalidIssuerException => "The token was issued by an issuer this service does not trust.",
            SecurityTokenInvalidAlgorithmException => "The token is signed with an algorithm this service does not accept.",
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
                "The token's signature does not verify.",
            SecurityTokenNoExpirationException => "The token has no expiry ('exp').",
            AuthenticationFailureException failure => failure.Message,
            _ => "The bearer token is not valid.",
        };

    private static TokenValidationParameters LocalParameters(IConfigurationSection auth)
    {
        var file = Required(auth, "SigningKeyFile");
        byte[] key;
        try
        {
            key = Convert.FromHexString(File.ReadAllText(file).Trim());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new InvalidOperationException($"Auth:SigningKeyFile '{file}' cannot be read as a hex key: {e.GetType().Name}.", e);
        }

        if (key.Length < MinKeyBytes)
        {
            throw new InvalidOperationException($"Auth:SigningKeyFile '{file}' holds {key.Length} bytes; HS256 needs at least {MinKeyBytes}.");
        }

        return new TokenValidationParameters
        {
            ValidIssuer = Required(auth, "Issuer"),
            IssuerSigningKey = new SymmetricSecurityKey(key),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        };
    }

    private static string Required(IConfigurationSection auth, string key) =>
        auth[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Set Auth:{key}. Production: Auth:Authority and Auth:Audience; local: Auth:SigningKeyFile, Auth:Issuer and "
                + "Auth:Audience (./slots run sets them).");
}
