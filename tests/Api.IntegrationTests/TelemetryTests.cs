using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// Traces and metrics as an operator sees them, through OpenTelemetry's in-memory exporter: a booking's server span
/// with its database spans in the caller's trace, the problem body's <c>traceId</c> that trace's id, and the booking
/// and conflict counters moving; and the logs: one line per request when asked, no error for a failure a retry repaired.
/// </summary>
[Collection(ApiCollection.Name)]
public class TelemetryTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task A_booking_is_traced_with_its_database_spans_in_the_callers_trace_and_counted()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        await using var api = Factory.WithWebHostBuilder(b => b.UseSetting("Slots:Telemetry:TraceSampleRatio", "1").ConfigureServices(services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
            services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
        }));
        using var client = SlotsApiFactory.ClientOf(api, Factory.Tokens.Admin());
        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 1));
        var trace = ActivityTraceId.CreateRandom();

        var booked = await SendTracedAsync(client, trace, slot, "traced-1");
        var conflict = await SendTracedAsync(client, trace, slot, "traced-2");

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var problem = await ProblemAsync(conflict, HttpStatusCode.Conflict, "slot_fully_booked");
        Assert.Equal(trace.ToHexString(), problem.GetProperty("traceId").GetString());

        var server = await ServerSpanAsync(spans, trace);
        // The booking's two round trips (the row lock with the load, then the changes with COMMIT), inside its server span.
        var database = Snapshot(spans).Where(s => s.TraceId == trace && s.Source.Name == "Npgsql" && IsWithin(s, server, spans)).ToList();
        Assert.True(database.Count >= 2, $"{database.Count} database spans inside the booking's server span");
        foreach (var span in Snapshot(spans).Where(s => s.TraceId == trace).OrderBy(s => s.StartTimeUtc))
        {
            Console.WriteLine($"[trace] {span.Source.Name} {span.Kind} '{span.DisplayName}' {span.Duration.TotalMilliseconds:0.0} ms");
        }

        api.Services.GetRequiredService<MeterProvider>().ForceFlush();
        Assert.True(Sum(metrics, "slots.bookings") >= 1, "slots.bookings did not move");
        Assert.True(Sum(metrics, "slots.conflicts", ("code", "slot_fully_booked")) >= 1, "slots.conflicts{code=slot_fully_booked} did not move");
        Assert.Contains(metrics, m => m.Name == "slots.lock.wait");
        Assert.Contains(metrics, m => m.Name == "http.server.request.duration");
        Assert.Contains(metrics, m => m.Name == "slots.queue.wait");
        Assert.Contains(metrics, m => m.Name == "slots.queue.depth");
        Assert.Contains(metrics, m => m.Name == "slots.circuit.state");
    }

    /// <summary>
    /// With nothing sampled (ratio 0), a caller's traceparent marked sampled does not get its requests recorded: anyone
    /// can send one, and it would have the service trace everything they ask.
    /// </summary>
    [Fact]
    public async Task A_callers_sampled_flag_cannot_force_a_trace_to_be_recorded()
    {
        var spans = new List<Activity>();
        await using var api = Factory.WithWebHostBuilder(b => b.UseSetting("Slots:Telemetry:TraceSampleRatio", "0")
            .ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))));
        using var client = SlotsApiFactory.ClientOf(api, Factory.Tokens.Admin());
        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 1));
        // A trace id no ratio below 1 samples (each half is the largest long): the test's other hosts, which sample 10%
        // and share the process's activity sources, do not record it either. With the flag obeyed, every host would.
        var trace = ActivityTraceId.CreateFromString("7fffffffffffffff7fffffffffffffff");

        Assert.Equal(HttpStatusCode.Created, (await SendTracedAsync(client, trace, slot, "untraced-1")).StatusCode);
        await Task.Delay(500); // a recorded span would be exported by now

        Assert.DoesNotContain(Snapshot(spans), s => s.TraceId == trace);
    }

    [Fact]
    public async Task With_the_request_log_on_each_request_is_one_json_line_in_its_trace()
    {
        var logs = new CapturingLoggerProvider();
        await using var api = Factory.WithWebHostBuilder(b => b
            .UseSetting("Slots:Telemetry:RequestLog", "true")
            .UseSetting("Slots:Telemetry:JsonLogs", "true")
            .ConfigureLogging(logging => logging.AddProvider(logs)));
        using var client = SlotsApiFactory.ClientOf(api, Factory.Tokens.Admin());
        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 3));
        var trace = ActivityTraceId.CreateRandom();

        Assert.Equal(HttpStatusCode.Created, (await SendTracedAsync(client, trace, slot, "logged-1")).StatusCode);

        var lines = logs.Entries.Where(e => e.Category.StartsWith("Microsoft.AspNetCore.HttpLogging", StringComparison.Ordinal)
            && e.TraceId == trace.ToHexString()).ToList();
        var line = Assert.Single(lines);
        Assert.Contains($"{Base}/{slot}/book", line.Message, StringComparison.Ordinal);
        Assert.Contains("StatusCode: 201", line.Message, StringComparison.Ordinal);
        var console = api.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue;
        Assert.Equal(ConsoleFormatterNames.Json, console.FormatterName);
    }

    /// <summary>
    /// A cut connection that a retry repairs is no incident: every pooled connection of the API is ended by the server
    /// (as in a failover), the next booking is retried on a fresh one and answers 201, and nothing is logged as an error.
    /// EF logged each such failure at Error with its stack trace (a screenful per cut in the drill's logs), burying the
    /// failures that do reach a client, which the exception handler logs.
    /// </summary>
    [Fact]
    public async Task A_cut_connection_that_a_retry_repairs_logs_no_error()
    {
        var logs = new CapturingLoggerProvider();
        var name = $"slots-cut-{Guid.NewGuid():N}"[..30];
        await using var api = Factory.WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Slots", $"{Factory.ConnectionString};Application Name={name}")
            .ConfigureLogging(logging => logging.AddProvider(logs)));
        using var client = SlotsApiFactory.ClientOf(api, Factory.Tokens.Admin());
        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 3));
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(client, slot, "before-the-cut")).StatusCode);

        var cut = await Factory.ScalarAsync<long>(
            "SELECT count(*) FROM (SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name = $1) t", name);
        long retries = 0;
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "slots.db.retries")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref retries, value));
            listener.Start();
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(client, slot, "after-the-cut")).StatusCode);
        }

        Assert.True(cut >= 1, "no connection of the API was open");
        Assert.True(retries >= 1, "the booking was not retried");
        Assert.Equal(2L, await Factory.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE slot_id = $1", slot));
        Assert.Empty(logs.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message}"));
    }

    private static Task<HttpResponseMessage> SendTracedAsync(HttpClient client, ActivityTraceId trace, Guid slot, string customer)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Base}/{slot}/book")
        {
            Content = JsonContent.Create(new { customerId = customer, customerEmail = $"{customer}@customers.example", customerName = customer }),
        };
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return client.SendAsync(request);
    }

    /// <summary>The first request's server span; it is exported once the response has gone, so it may come a moment later.</summary>
    private static async Task<Activity> ServerSpanAsync(List<Activity> spans, ActivityTraceId trace)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var server = Snapshot(spans).Where(s => s.TraceId == trace && s.Kind == ActivityKind.Server).OrderBy(s => s.StartTimeUtc).FirstOrDefault();
            if (server is not null || clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                return server ?? throw new Xunit.Sdk.XunitException("no server span was exported for the trace");
            }

            await Task.Delay(50);
        }
    }

    private static bool IsWithin(Activity span, Activity ancestor, List<Activity> spans)
    {
        var all = Snapshot(spans).ToDictionary(s => s.SpanId);
        for (var parent = span.ParentSpanId; parent != default; parent = all.TryGetValue(parent, out var p) ? p.ParentSpanId : default)
        {
            if (parent == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    private static Activity[] Snapshot(List<Activity> spans)
    {
        lock (spans)
        {
            return [.. spans];
        }
    }

    private static long Sum(List<Metric> metrics, string name, (string Key, string Value)? tag = null)
    {
        long sum = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var matches = tag is null;
                foreach (var t in point.Tags)
                {
                    matches |= tag is { } wanted && t.Key == wanted.Key && Equals(t.Value, wanted.Value);
                }

                if (matches)
                {
                    sum = Math.Max(sum, point.GetSumLong());
                }
            }
        }

        return sum;
    }
}
