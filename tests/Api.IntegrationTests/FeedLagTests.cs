using Microsoft.Extensions.Logging;
using Npgsql;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Infrastructure.Events;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// A transaction that stays open holds the feed back (the feed serves only events older than every running
/// transaction): the probe measures it, warns once when it passes its bound, and says once when it is over.
/// </summary>
[Collection(ApiCollection.Name)]
public class FeedLagTests(SlotsApiFactory factory) : PrivateDatabaseTestBase(factory)
{
    [Fact]
    public async Task A_long_transaction_holding_the_feed_back_is_measured_and_logged_once_and_its_end_once()
    {
        var logger = new ListLogger<FeedLagProbe>();
        using var probe = new FeedLagProbe(ConnectionString, logger) { WarnAfter = TimeSpan.FromSeconds(1) };
        Assert.Equal(TimeSpan.Zero, await probe.ProbeAsync(default));

        await using var holder = new NpgsqlConnection(ConnectionString);
        await holder.OpenAsync();
        await using var holding = await holder.BeginTransactionAsync();
        await using (var xid = new NpgsqlCommand("SELECT txid_current()", holder, holding))
        {
            await xid.ExecuteScalarAsync(); // a transaction id of its own, older than the event's
        }

        await ExecuteAsync("INSERT INTO events (id, type, subject, time, data) VALUES (gen_random_uuid(), 'slots.slot.created', gen_random_uuid(), now(), '{}')");
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        var held = await probe.ProbeAsync(default);
        await probe.ProbeAsync(default);

        Assert.True(held >= TimeSpan.FromSeconds(1), $"lag {held}");
        Assert.Equal(1, logger.Count(LogLevel.Warning));

        await holding.CommitAsync();

        Assert.Equal(TimeSpan.Zero, await probe.ProbeAsync(default));
        Assert.Equal(1, logger.Count(LogLevel.Information));
        Assert.Equal(1, logger.Count(LogLevel.Warning));
    }
}
