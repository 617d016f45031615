using Microsoft.AspNetCore.Http.Features;
using Slots.Api.Security;

namespace Slots.Api.Errors;

/// <summary>Fills what every problem body carries, including the ones the framework writes (404, 405, 415).</summary>
public static class ProblemDefaults
{
    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Instance ??= context.HttpContext.Request.Path;
        if (problem.Status == StatusCodes.Status401Unauthorized && !problem.Extensions.ContainsKey("code"))
        {
            // The bearer handler's challenge: say why, as its WWW-Authenticate header does.
            var failure = Authentication.DescribeFailure(context.HttpContext);
            problem.Title = "Sign-in required.";
            problem.Detail ??= failure ?? "This needs a bearer token: send 'Authorization: Bearer <token>'.";
            problem.Extensions["code"] = failure is null ? "unauthenticated" : "invalid_token";
        }

        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status404NotFound => "No resource matches this path.",
            StatusCodes.Status405MethodNotAllowed => "This path does not accept that method.",
            StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
            StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
            _ => problem.Title,
        };
        if (!problem.Extensions.ContainsKey("code") && ProblemCodes.ForFrameworkStatus(problem.Status) is { } code)
        {
            problem.Extensions["code"] = code;
        }

        problem.Type ??= "about:blank"; // RFC 9457's "nothing more to say than the status", for codes without a default
        // The W3C trace id (an incoming traceparent's, when one came), what an operator searches traces and logs by;
        // the framework's default, the whole traceparent, would be set otherwise.
        problem.Extensions["traceId"] = context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity is { } activity
            && activity.TraceId != default
                ? activity.TraceId.ToHexString()
                : context.HttpContext.TraceIdentifier;
    }
}
