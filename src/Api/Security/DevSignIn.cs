using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Slots.Application.Common;

namespace Slots.Api.Security;

/// <summary>
/// <c>POST /api/dev/token</c>: the web UI's local sign-in screen. Served only when <c>Slots:DevSignIn</c> is true
/// (<c>./slots run</c> sets it; no configuration file does), the environment is not Production (<c>./slots run</c> runs
/// as <c>Local</c>) and the API signs its own tokens; otherwise the endpoint does not exist, whatever the flag says.
/// Not part of the API's document.
/// </summary>
public static class DevSignIn
{
    public const string Path = "/api/dev/token";

    /// <summary>A working day: long enough for a local session, well inside the local tokens' 24-hour cap.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private static readonly DevTokenRequestValidator Validator = new();

    public static void MapDevSignIn(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Slots:DevSignIn"))
        {
            return;
        }

        if (app.Environment.IsProduction())
        {
            app.Logger.LogWarning("Slots:DevSignIn is ignored: the environment is Production, where nobody may sign in as anyone.");
            return;
        }

        if (app.Services.GetService<LocalTokenIssuer>() is null)
        {
            app.Logger.LogWarning("Slots:DevSignIn is ignored: an external authority (Auth:Authority) signs the tokens.");
            return;
        }

        app.Logger.LogWarning("Local sign-in is on: anyone who reaches {Path} can sign in as anyone. Never in production.", Path);
        app.MapPost(Path, Issue).AllowAnonymous().ExcludeFromDescription();
    }

    private static Ok<DevToken> Issue(DevTokenRequest request, LocalTokenIssuer issuer)
    {
        Validator.ValidateAndThrow(request);
        // The system clock, not the injected one: the bearer handler checks a token's lifetime against real time.
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var token = issuer.Issue(request.Role!, request.Id!, request.Email, request.Name, now, Lifetime);
        return TypedResults.Ok(new DevToken(token, now + Lifetime));
    }

    /// <summary>Who to sign in as: a role (customer, specialist, admin), an id, and the email customers and specialists need.</summary>
    public sealed record DevTokenRequest(string? Role, string? Id, string? Email, string? Name);

    public sealed record DevToken(string Token, DateTime ExpiresAt);

    private sealed class DevTokenRequestValidator : AbstractValidator<DevTokenRequest>
    {
        private static readonly string[] Roles = ["customer", "specialist", "admin"];

        public DevTokenRequestValidator()
        {
            RuleFor(r => r.Role).NotEmpty().Must(r => Roles.Contains(r))
                .WithMessage("'role' must be customer, specialist or admin.");
            RuleFor(r => r.Id).NotEmpty().ValidId();
            RuleFor(r => r.Email).NotEmpty().When(r => r.Role is not "admin")
                .WithMessage("'email' is required for a customer or a specialist.");
            RuleFor(r => r.Email).ValidEmail().When(r => r.Email is not null);
            RuleFor(r => r.Name).MaximumLength(Slots.Domain.Slots.SlotLimits.MaxNameLength).PlainText().When(r => r.Name is not null);
        }
    }
}
