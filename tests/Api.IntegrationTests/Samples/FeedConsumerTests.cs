using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
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

            var consumer = StartConsumer(settings);
            var load = BookAsync(admin, slots: 12, customersPerSlot: 4);
            // Killed once it is well into the feed, while the bookings go on.
            await UntilAsync(async () => await HandledAsync(consumerConnection) >= 20, "the consumer handled nothing");
            await consumer.DisposeAsync();
            await Task.Delay(300);
            consumer = StartConsumer(settings);
            var written = await load;

            // Caught up: every event the API wrote, by id.
            var events = await Factory.ScalarOnAsync<long>(apiConnection, "SELECT count(*) FROM events");
            Assert.True(events >= written, $"{events} events for {written} changes");
            await UntilAsync(
                async () => await Factory.ScalarOnAsync<long>(consumerConnection, "SELECT count(*) FROM handled_events WHERE from_feed > 0") == events,
                $"the consumer never caught up with {events} events:\n{consumer.Output}");
            await consumer.DisposeAsync();

            var apiIds = await IdsAsync(apiConnection, "SELECT id FROM events");
            var handledIds = await IdsAsync(consumerConnection, "SELECT event_id FROM handled_events");
            Assert.Equal(apiIds.Order(), handledIds.Order());
            Assert.Equal(0L, await Factory.ScalarOnAsync<long>(consumerConnection, "SELECT count(*) FROM handled_events WHERE from_feed <> 1"));
            // The webhooks brought events too, each verified: every delivery the API saw taken was an event the consumer has.
            var delivered = await IdsAsync(apiConnection, "SELECT event_id FROM webhook_deliveries WHERE status = 'delivered'");
            Assert.NotEmpty(delivered);
            var fromWebhook = await IdsAsync(consumerConnection, "SELECT event_id FROM handled_events WHERE from_webhook > 0");
            Assert.Subset(fromWebhook.ToHashSet(), delivered.ToHashSet());
            Assert.Equal(
                await Factory.ScalarOnAsync<string>(apiConnection, "SELECT tx::text || '-' || seq FROM events ORDER BY tx DESC, seq DESC LIMIT 1"),
                await Factory.ScalarOnAsync<string>(consumerConnection, "SELECT position FROM feed_positions"));

            // A delivery that is not signed with the secret is refused, and handles nothing.
            consumer = StartConsumer(settings);
            await using (consumer)
            {
                using var forger = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{consumerPort}") };
                var forged = $$"""{"id":"{{Guid.NewGuid()}}","type":"slots.booking.created","position":"999-1","specversion":"1.0"}""";
                var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
                var refused = await EventuallyAsync(async () =>
                {
                    try
                    {
                        return (HttpStatusCode?)(await SendRawAsync(forger, HttpMethod.Post, "/webhooks", forged,
                            ("webhook-id", "forged"), ("webhook-timestamp", timestamp), ("webhook-signature", "v1,bm90IHRoZSBzaWduYXR1cmU="))).StatusCode;
                    }
                    catch (HttpRequestException)
                    {
                        return null; // not listening yet
                    }
                });
                Assert.Equal(HttpStatusCode.Unauthorized, refused);
                Assert.Equal(events, await Factory.ScalarOnAsync<long>(consumerConnection, "SELECT count(*) FROM handled_events"));
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

    /// <summary>Events the consumer has handled; 0 before it has made its tables.</summary>
    private async Task<long> HandledAsync(string connection)
    {
        try
        {
            return await Factory.ScalarOnAsync<long>(connection, "SELECT count(*) FROM handled_events");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    /// <summary>The ids a query of one uuid column lists.</summary>
    private Task<Guid[]> IdsAsync(string connection, string sql) =>
        Factory.ScalarOnAsync<Guid[]>(connection, $"SELECT coalesce(array_agg(id), '{{}}') FROM ({sql}) AS ids(id)");

    /// <summary>The sample as a process of its own (<c>dotnet Slots.Samples.FeedConsumer.dll</c>), as it would be deployed.</summary>
    private static RunningProcess StartConsumer(IReadOnlyDictionary<string, string> settings)
    {
        // Its own build's output, built before the tests in the same configuration (a project reference).
        var configuration = typeof(FeedConsumerTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var output = Path.Combine(Repository.Root, "samples", "FeedConsumer", "bin", configuration, "net10.0");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(output, "Slots.Samples.FeedConsumer.dll")])
        {
            WorkingDirectory = output,
            Environment = { ["DOTNET_ENVIRONMENT"] = "Production" },
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        return RunningProcess.Start(start);
    }
}
