using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Infrastructure.Webhooks;

namespace Slots.Api.IntegrationTests.Webhooks;

/// <summary>
/// The dispatcher's loop and the recorder while the database is away (a proxy in front of a database of the test's own
/// refuses every connection): rounds back off instead of polling on, the outage is logged once when it starts and once
/// when it ends, and a batch of outcomes is tried again rather than dropped at the first failure.
/// </summary>
[Collection(ApiCollection.Name)]
public class WebhookDispatcherTests(SlotsApiFactory factory) : WebhookPartTestBase(factory)
{
    [Fact]
    public async Task While_the_database_is_away_rounds_back_off_and_the_outage_is_logged_once_and_its_end_once()
    {
        await using var proxy = new TcpProxy(new NpgsqlConnectionStringBuilder(ConnectionString).Port);
        await using var database = new WebhookDatabase(NpgsqlDataSource.Create(Through(proxy)));
        var options = new WebhookOptions { AllowInsecureTargets = true, PollInterval = TimeSpan.FromMilliseconds(50) };
        var logger = new ListLogger<WebhookDispatcher>();
        using var sender = new WebhookSender(options, new WebhookTargets(options, new TestHostNames().ResolveAsync), new WebhookSecrets(new EphemeralDataProtectionProvider()), NullLogger<WebhookSender>.Instance);
        using var dispatcher = new WebhookDispatcher(
            new WebhookFanOut(database, options), new DeliveryClaim(database, options), sender,
            new OutcomeRecorder(database, options, NullLogger<OutcomeRecorder>.Instance), options, logger);
        proxy.Set(TcpProxy.Mode.Reject);

        await dispatcher.StartAsync(default);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var attempts = proxy.ConnectionAttempts;
        proxy.Set(TcpProxy.Mode.Forward);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (logger.Count(LogLevel.Information) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await dispatcher.StopAsync(default);

        // Polling every 50 ms, 3 s of outage were about 60 rounds; backing off from 100 ms, they are 5 or 6.
        Assert.InRange(attempts, 1, 10);
        Assert.Equal(1, logger.Count(LogLevel.Warning));
        var recovered = Assert.Single(logger.Entries, e => e.Level == LogLevel.Information).Message;
        Assert.StartsWith("Webhook dispatch works again after", recovered, StringComparison.Ordinal);
    }

    [Fact]
    public void The_back_off_doubles_from_100_ms_to_at_most_30_s() =>
        Assert.Equal(
            [100, 200, 400, 800, 30_000, 30_000],
            new[] { 1, 2, 3, 4, 20, 1000 }.Select(n => WebhookDispatcher.BackOff(n).TotalMilliseconds));

    /// <summary>An outcome recorded while the database is away for half a second is written once it is back, not dropped.</summary>
    [Fact]
    public async Task A_batch_of_outcomes_is_tried_again_while_the_database_is_away_and_written_when_it_is_back()
    {
        var subscription = await SubscribeAsync();
        var events = await PublishAsync("slots.slot.created");
        await InsertDeliveryAsync(subscription, events[0], "sending", 1, TimeSpan.FromMinutes(1));
        await using var proxy = new TcpProxy(new NpgsqlConnectionStringBuilder(ConnectionString).Port);
        await using var database = new WebhookDatabase(NpgsqlDataSource.Create(Through(proxy)));
        var logger = new ListLogger<OutcomeRecorder>();
        var recorder = new OutcomeRecorder(database, Options, logger);
        proxy.Set(TcpProxy.Mode.Reject);
        var running = recorder.RunAsync();

        recorder.Add(new DeliveryOutcome(subscription, events[0], 1, 204, null, TimeSpan.Zero));
        await Task.Delay(500);
        proxy.Set(TcpProxy.Mode.Forward);
        recorder.Complete();
        await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([$"{events[0]} delivered 1"], await DeliveriesAsync(subscription));
        Assert.Empty(logger.Entries);
    }

    /// <summary>The test database's connection string, through <paramref name="proxy"/>, giving up on a connection quickly.</summary>
    private string Through(TcpProxy proxy) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Port = proxy.Port, Timeout = 2, Pooling = false }.ConnectionString;
}
