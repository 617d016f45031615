using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Slots.Application.Common;

namespace Slots.Api.Telemetry;

/// <summary>
/// OpenTelemetry traces (ASP.NET Core, HttpClient, and the database's driver as the composition root adds it) and metrics (requests, <see cref="SlotsMetrics"/>) for
/// operators. Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter reads the other
/// <c>OTEL_*</c> variables itself), nowhere otherwise. Traces are sampled by head at <c>Slots:Telemetry:TraceSampleRatio</c>
/// (default 0.1), by trace id: a request's <c>traceparent</c> puts it in its caller's trace, but cannot force it to be
/// recorded.
/// <c>Slots:Telemetry:Enabled=false</c> turns all of it off.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "consulting-slots";

    /// <param name="database">Adds the database driver's traces: the composition root knows the driver.</param>
    public static IServiceCollection AddSlotsTelemetry(
        this IServiceCollection services, IConfiguration configuration, Action<TracerProviderBuilder> database)
    {
        var settings = configuration.GetSection("Slots:Telemetry");
        if (!settings.GetValue("Enabled", true))
        {
            return services;
        }

        var ratio = settings.GetValue("TraceSampleRatio", 0.1);
        if (ratio is < 0 or > 1)
        {
            throw new InvalidOperationException($"Slots:Telemetry:TraceSampleRatio must lie in 0..1, not {ratio}.");
        }

        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                tracing
                    // A caller's traceparent joins its trace, but its sampled flag does not decide: anyone may send one,
                    // and "01" on every request would have the service record all of them. The ratio decides by the trace
                    // id, the same way in every process; spans started inside the service follow their parent.
                    .SetSampler(new ParentBasedSampler(
                        new TraceIdRatioBasedSampler(ratio),
                        remoteParentSampled: new TraceIdRatioBasedSampler(ratio),
                        remoteParentNotSampled: new TraceIdRatioBasedSampler(ratio)))
                    .AddAspNetCoreInstrumentation(options =>
                    {
                        options.Filter = http => !http.Request.Path.StartsWithSegments("/health");
                        // A feed's token must not reach the traces: its path is recorded without it.
                        options.EnrichWithHttpRequest = (activity, request) => activity.SetTag("url.path", SecretPaths.Redact(request.Path));
                    })
                    .AddHttpClientInstrumentation();
                database(tracing);
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter(SlotsMetrics.MeterName);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return services;
    }
}
