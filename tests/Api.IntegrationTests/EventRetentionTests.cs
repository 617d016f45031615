using System.Net;
using System.Text.Json;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Infrastructure.Events;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// Events are kept for <see cref="EventOptions.KeepFor"/> (90 days): the sweep deletes the old ones from the start of the
/// feed, batch after batch, and moves the horizon to the last one deleted; a consumer whose position is before the
/// horizon is told it missed events (410 <c>position_expired</c>), never silently skipped past them.
/// </summary>
[Collection(ApiCollection.Name)]
public class EventRetentionTests(SlotsApiFactory factory) : PrivateDatabaseTestBase(factory)
{
    private static readonly TimeSpan KeepFor = new EventOptions().KeepFor;

    /// <summary>
    /// More than a batch of old events, then new ones, then one old again (a late writer's, in feed order after a kept one):
    /// the old prefix goes, in batches; everything from the first kept event on stays, the late old one too, since the
    /// horizon never passes a kept event.
    /// </summary>
    [Fact]
    public async Task The_sweep_deletes_the_old_start_of_the_feed_in_batches_and_moves_the_horizon_to_its_end()
    {
        var now = DateTimeOffset.UtcNow;
        var old = EventSweeper.Batch + 5;
        await InsertAsync(old, now - KeepFor - TimeSpan.FromDays(10));
        await InsertAsync(1, now - KeepFor - TimeSpan.FromMinutes(1));
        var lastOld = await ScalarAsync<string>("SELECT tx || '-' || seq FROM events ORDER BY tx DESC, seq DESC LIMIT 1");
        await InsertAsync(3, now - KeepFor + TimeSpan.FromMinutes(1));
        await InsertAsync(1, now - KeepFor - TimeSpan.FromDays(1));
        var kept = await ScalarAsync<string[]>("SELECT array_agg(id::text ORDER BY tx, seq) FROM events WHERE (tx, seq) > (SELECT tx, seq FROM events ORDER BY tx, seq OFFSET $1 LIMIT 1)", old);

        await using var db = SlotsApiFactory.NewDbContextOn(ConnectionString);
        var swept = await EventSweeper.SweepAsync(db, now - KeepFor, default);

        Assert.Equal(old + 1, swept);
        Assert.Equal(kept, await ScalarAsync<string[]>("SELECT array_agg(id::text ORDER BY tx, seq) FROM events"));
        Assert.Equal(lastOld, await ScalarAsync<string>("SELECT tx || '-' || seq FROM events_horizon"));
        Assert.Equal(0, await EventSweeper.SweepAsync(db, now - KeepFor, default));
        Assert.Equal(lastOld, await ScalarAsync<string>("SELECT tx || '-' || seq FROM events_horizon"));
    }

    /// <summary><paramref name="count"/> events written at <paramref name="at"/>, in one transaction.</summary>
    private Task InsertAsync(int count, DateTimeOffset at) => ExecuteAsync(
        "INSERT INTO events (id, type, subject, time, data) SELECT id, 'slots.slot.created', gen_random_uuid(), $2, '{}' FROM unnest($1::uuid[]) id",
        Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7(at)).ToArray(), at);
}

/// <summary>The feed's answer to a position before its horizon, on the shared database: the horizon is moved and put back.</summary>
[Collection(ApiCollection.Name)]
public class EventHorizonTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task A_position_before_the_horizon_is_gone_and_one_at_it_or_the_start_reads_on()
    {
        await CreateSlotAsync(NewSpecialist());
        await CreateSlotAsync(NewSpecialist());
        var first = (await BodyAsync(await Client.GetAsync("/api/events?limit=2"))).EnumerateArray()
            .Select(e => e.GetProperty("position").GetString()!).ToList();
        var horizon = first[1].Split('-');
        await Factory.ExecuteAsync("UPDATE events_horizon SET tx = $1::text::xid8, seq = $2", horizon[0], long.Parse(horizon[1], System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            var gone = await ProblemAsync(await Client.GetAsync($"/api/events?after={first[0]}"), HttpStatusCode.Gone, "position_expired");
            Assert.Contains(first[0], gone.GetProperty("detail").GetString(), StringComparison.Ordinal);

            var atHorizon = await Client.GetAsync($"/api/events?after={first[1]}&limit=1");
            Assert.Equal(HttpStatusCode.OK, atHorizon.StatusCode);
            Assert.NotEqual(first[1], (await BodyAsync(atHorizon))[0].GetProperty("position").GetString());
            var fromStart = await BodyAsync(await Client.GetAsync("/api/events?limit=1"));
            Assert.Equal(JsonValueKind.Array, fromStart.ValueKind);
        }
        finally
        {
            await Factory.ExecuteAsync("UPDATE events_horizon SET tx = '0', seq = 0");
        }
    }
}
