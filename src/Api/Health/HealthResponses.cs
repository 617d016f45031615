using System.Globalization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Slots.Api.Errors;
using Slots.Api.Security;

namespace Slots.Api.Health;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (the database answers too).</summary>
public static class HealthResponses
{
    public static void MapHealth(this WebApplication app)
    {
        // Anyone may ask, so each client address has a budget (RateLimits.PublicDocuments); an orchestrator's probes use a
        // fraction of it.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = Write })
            .RequireRateLimiting(RateLimits.PublicDocuments);
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = Write })
            .RequireRateLimiting(RateLimits.PublicDocuments);
    }

    private static Task Write(HttpContext context, HealthReport report)
    {
        if (report.Status != HealthStatus.Unhealthy)
        {
            // Degraded: the database answers, but reads queue for it; the process still serves.
            return context.Response.WriteAsJsonAsync(new { status = report.Status == HealthStatus.Healthy ? "healthy" : "degraded" });
        }

        context.Response.Headers.RetryAfter = ProblemExceptionHandler.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = context.Response.StatusCode,
                Title = "The service is not ready.",
                Detail = "The database does not answer.",
                Extensions = { ["code"] = "database_unavailable" },
            },
        }).AsTask();
    }
}
