using Microsoft.AspNetCore.HttpLogging;

namespace Slots.Api.Telemetry;

/// <summary>
/// Logs for operators: <c>Slots:Telemetry:JsonLogs=true</c> writes the console log as JSON lines, each with its trace
/// and span id; <c>Slots:Telemetry:RequestLog=true</c> adds one line per request (method, path, status, duration),
/// in the request's trace.
/// </summary>
public static class RequestLog
{
    public static WebApplicationBuilder AddSlotsLogging(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Slots:Telemetry");
        builder.Logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (settings.GetValue("JsonLogs", false))
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        }

        if (settings.GetValue("RequestLog", false))
        {
            builder.Services.AddHttpLogging(options =>
            {
                options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                    | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
                options.CombineLogs = true;
            });
            builder.Services.AddHttpLoggingInterceptor<SecretPaths.LogInterceptor>();
        }

        return builder;
    }

    public static WebApplication UseSlotsRequestLog(this WebApplication app)
    {
        if (app.Configuration.GetValue("Slots:Telemetry:RequestLog", false))
        {
            app.UseHttpLogging();
        }

        return app;
    }
}
