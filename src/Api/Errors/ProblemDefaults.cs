using Microsoft.AspNetCore.Http.Features;

namespace Slots.Api.Errors;

/// <summary>Fills what every problem body carries, including the ones the framework writes (404, 405, 415).</summary>
public static class ProblemDefaults
{
    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status404NotFound => "No resource matches this path.",
            StatusCodes.Status405MethodNotAllowed => "This path does not accept that method.",
            StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
            _ => problem.Title,
        };
        if (!problem.Extensions.ContainsKey("traceId"))
        {
            problem.Extensions["traceId"] = context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity.Id
                ?? context.HttpContext.TraceIdentifier;
        }
    }
}
