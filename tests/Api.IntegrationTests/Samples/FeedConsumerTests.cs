using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using Npgsql;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests.Samples;

/// <summary>
/// The sample internal service (<c>samples/FeedConsumer</c>) as it would run: its own process and database, against an
/// API process on a database of its own, while bookings happen. It is killed (SIGKILL) in the middle and started again,
/// and then every event the API wrote is handled once: the feed brought each exactly once, across the kill, and the
/// webhook deliveries it verified found the same events (a forged one is refused and handles nothing).
/// </summary>
[Collection(ApiCollection.Name)]
public class FeedConsumerTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Killed_and_restarted_while_bookings_happen_it_handles_every_event_exactly_once()
    {
        var apiDatabase = $"slots_consumer_api_{Guid.NewGuid():N}";
        var consumerDatabase = $"slots_consumer_{Guid.NewGuid():N}";
        var apiConnection = await Factory.CreateDatabaseAsync(apiDatabase);
        var consumerConnection = await Factory.CreateDatabaseAsync(consumerDatabase);
        try
        {
            await using var api = await ApiProcess.StartAsync(Factory, apiConnection, WebhookReceiver.FreePort(), migrate: true);
            using var admin = new HttpClient { BaseAddress = api.Address, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", Factory.Tokens.Admin()) } };
            var consumerPort = WebhookReceiver.FreePort();
            var subscribed = await admin.PostAsJsonAsync("/api/webhooks", new { url = $"http://127.0.0.1:{consumerPort}/webhooks" });
            Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
            var secret = (await BodyAsync(subscribed)).GetProperty("secret").GetString()!;
            var settings = new Dictionary<string, string>
            {
                ["FeedConsumer__Api"] = api.Address.ToString(),
                ["FeedConsumer__Token"] = Factory.Tokens.Service("events:read"),
                ["FeedConsumer__Database"] = consumerConnection,
                ["FeedConsumer__WebhookSecret"] = secret,
                ["FeedConsumer__PageSize"] = "7",
                ["FeedConsumer__Idle"] = "00:00:00.100",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{consumerPort}",
            };

            var consumer = Consumer.Start(settings);
            var load = BookAsync(admin, slots: 12, customersPerSlot: 4);
            // Killed once it is well into the feed, while the bookings go on.
            await UntilAsync(async () => await HandledAsync(consumerConnection) >= 20, "the consumer handled nothing");
            await consumer.DisposeAsync();
            await Task.Delay(300);
            consumer = Consumer.Start(settings);
            var written = await load;

            // Caught up: every event the API wrote, by id.
            var events = await CountAsync(apiConnection, "SELECT count(*) FROM events");
            Assert.True(events >= written, $"{events} events for {written} changes");
            await UntilAsync(
                async () => await CountAsync(consumerConnection, "SELECT count(*) FROM handled_events WHERE from_feed > 0") == events,
                $"the consumer never caught up with {events} events:\n{consumer.Output}");
            await consumer.DisposeAsync();

            var apiIds = await IdsAsync(apiConnection, "SELECT id FROM events");
            var handledIds = await IdsAsync(consumerConnection, "SELECT event_id FROM handled_events");
            Assert.Equal(apiIds.Order(), handledIds.Order());
            Assert.Equal(0L, await CountAsync(consumerConnection, "SELECT count(*) FROM handled_events WHERE from_feed <> 1"));
            // The webhooks brought events too, each verified: every delivery the API saw taken was an event the consumer has.
            var delivered = await IdsAsync(apiConnection, "SELECT event_id FROM webhook_deliveries WHERE status = 'delivered'");
            Assert.NotEmpty(delivered);
            var fromWebhook = await IdsAsync(consumerConnection, "SELECT event_id FROM handled_events WHERE from_webhook > 0");
            Assert.Subset(fromWebhook.ToHashSet(), delivered.ToHashSet());
            Assert.Equal(
                await TextAsync(apiConnection, "SELECT tx::text || '-' || seq FROM events ORDER BY tx DESC, seq DESC LIMIT 1"),
                await TextAsync(consumerConnection, "SELECT position FROM feed_positions"));

            // A delivery that is not signed with the secret is refused, and handles nothing.
            consumer = Consumer.Start(settings);
            await using (consumer)
            {
                using var forger = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{consumerPort}") };
                var forged = $$"""{"id":"{{Guid.NewGuid()}}","type":"slots.booking.created","position":"999-1","specversion":"1.0"}""";
                using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks") { Content = new StringContent(forged, Encoding.UTF8, "application/json") };
                request.Headers.Add("webhook-id", "forged");
                request.Headers.Add("webhook-timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
                request.Headers.Add("webhook-signature", "v1,bm90IHRoZSBzaWduYXR1cmU=");
                var refused = await EventuallyAsync(async () =>
                {
                    try
                    {
                        return (HttpStatusCode?)(await forger.SendAsync(await CloneAsync(request))).StatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        return null; // not listening yet
                    }
                });
                Assert.Equal(HttpStatusCode.Unauthorized, refused);
                Assert.Equal(events, await CountAsync(consumerConnection, "SELECT count(*) FROM handled_events"));
            }
        }
        finally
        {
            await Factory.DropDatabaseAsync(apiDatabase);
            await Factory.DropDatabaseAsync(consumerDatabase);
        }
    }

    /// <summary>Slots, bookings into them and a cancellation in each, in parallel; the number of changes made.</summary>
    private async Task<int> BookAsync(HttpClient admin, int slots, int customersPerSlot)
    {
        var changes = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, slots), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var created = await admin.PostAsJsonAsync(Base, new
            {
                specialistEmail = $"consumer-{i}@example.com", specialistId = $"consumer-{i}", date = Day(3 + i), startTime = "10:00",
                endTime = "11:00", totalCapacity = customersPerSlot, timezone = "UTC",
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var slot = Id(await BodyAsync(created));
            for (var c = 0; c < customersPerSlot; c++)
            {
                Assert.Equal(HttpStatusCode.Created, (await BookAsync(admin, slot, $"consumer-customer-{c}")).StatusCode);
                await Task.Delay(20);
            }

            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Base}/{slot}/book/consumer-customer-0")).StatusCode);
            Interlocked.Add(ref changes, customersPerSlot + 2);
        });
        return changes;
    }

    private static async Task<HttpRequestMessage> CloneAsync(HttpRequestMessage request)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Content = new StringContent(await request.Content!.ReadAsStringAsync(), Encoding.UTF8, "application/json"),
        };
        foreach (var header in request.Headers)
        {
            clone.Headers.Add(header.Key, header.Value);
        }

        return clone;
    }

    /// <summary>Events the consumer has handled; 0 before it has made its tables.</summary>
    private static async Task<long> HandledAsync(string connection)
    {
        try
        {
            return await CountAsync(connection, "SELECT count(*) FROM handled_events");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    private static async Task<long> CountAsync(string connection, string sql) => Convert.ToInt64(await ScalarAsync(connection, sql), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> TextAsync(string connection, string sql) => (string)(await ScalarAsync(connection, sql))!;

    private static async Task<object?> ScalarAsync(string connection, string sql)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        return await command.ExecuteScalarAsync();
    }

    private static async Task<List<Guid>> IdsAsync(string connection, string sql)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>The sample as a process of its own (<c>dotnet Slots.Samples.FeedConsumer.dll</c>), as it would be deployed.</summary>
    private sealed class Consumer : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private Consumer(Process process) => _process = process;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static Consumer Start(IReadOnlyDictionary<string, string> settings)
        {
            // Its own build's output, built before the tests in the same configuration (a project reference).
            var configuration = typeof(Consumer).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var output = Path.Combine(Repository.Root, "samples", "FeedConsumer", "bin", configuration, "net10.0");
            var start = new ProcessStartInfo("dotnet", [Path.Combine(output, "Slots.Samples.FeedConsumer.dll")])
            {
                WorkingDirectory = output,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["DOTNET_ENVIRONMENT"] = "Production" },
            };
            foreach (var (key, value) in settings)
            {
                start.Environment[key] = value;
            }

            var consumer = new Consumer(Process.Start(start) ?? throw new InvalidOperationException("the consumer did not start"));
            consumer._process.OutputDataReceived += (_, e) => consumer.Log(e.Data);
            consumer._process.ErrorDataReceived += (_, e) => consumer.Log(e.Data);
            consumer._process.BeginOutputReadLine();
            consumer._process.BeginErrorReadLine();
            return consumer;
        }

        /// <summary>SIGKILL: no shutdown, no last commit.</summary>
        public async Task KillAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await KillAsync();
            _process.Dispose();
        }

        private void Log(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }
    }
}
