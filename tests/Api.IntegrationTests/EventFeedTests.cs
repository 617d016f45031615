using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// The transactional outbox and its feed: every change writes one CloudEvent with it, and a consumer that polls with the
/// last position it saw gets every committed event exactly once, although transactions commit out of order.
/// </summary>
[Collection(ApiCollection.Name)]
public class EventFeedTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    private const string Feed = "/api/events";

    [Fact]
    public async Task Every_change_writes_one_cloud_event_with_the_slots_version()
    {
        var specialist = NewSpecialist();
        var slot = Id(await CreateSlotAsync(specialist, days: 3, capacity: 2));
        Assert.Equal(HttpStatusCode.OK, (await Client.PutAsJsonAsync($"{Base}/{slot}", new { startTime = "09:00" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, "ev-bea")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{slot}/book/ev-bea")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.PutAsJsonAsync($"{Base}/{slot}", new { status = "active" })).StatusCode); // no change
        Assert.Equal(HttpStatusCode.OK, (await Client.PutAsJsonAsync($"{Base}/{slot}", new { status = "inactive" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{slot}")).StatusCode);

        var events = (await ReadAllAsync(null)).Where(e => e.GetProperty("subject").GetString() == slot.ToString()).ToList();

        Assert.Equal(
            ["slots.slot.created", "slots.slot.changed", "slots.booking.created", "slots.booking.cancelled", "slots.slot.changed", "slots.slot.deleted"],
            events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal([1, 2, 3, 4, 5, 5], events.Select(e => e.GetProperty("data").GetProperty("slot").GetProperty("version").GetInt32()));
        Assert.All(events, e =>
        {
            Assert.Equal("1.0", e.GetProperty("specversion").GetString());
            Assert.Equal("urn:consulting-slots", e.GetProperty("source").GetString());
            Assert.Equal("application/json", e.GetProperty("datacontenttype").GetString());
            Assert.True(Guid.TryParse(e.GetProperty("id").GetString(), out _));
            Assert.Matches("^[0-9]+-[0-9]+$", e.GetProperty("position").GetString());
        });
        var booked = events[2].GetProperty("data");
        Assert.Equal("ev-bea", booked.GetProperty("booking").GetProperty("customerId").GetString());
        Assert.Equal(1, booked.GetProperty("slot").GetProperty("bookedCount").GetInt32());
        Assert.False(booked.GetProperty("slot").TryGetProperty("bookings", out _));
        Assert.Equal("09:00", events[1].GetProperty("data").GetProperty("slot").GetProperty("startTime").GetString());
        Assert.Equal(JsonValueKind.String, events[3].GetProperty("data").GetProperty("booking").GetProperty("cancelledAt").ValueKind);
    }

    [Fact]
    public async Task A_refused_change_writes_no_event()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), days: 4));
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, "ev-first")).StatusCode);

        Assert.Equal(HttpStatusCode.Conflict, (await BookAsync(Client, slot, "ev-second")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Client.DeleteAsync($"{Base}/{slot}")).StatusCode);

        var types = (await ReadAllAsync(null)).Where(e => e.GetProperty("subject").GetString() == slot.ToString())
            .Select(e => e.GetProperty("type").GetString());
        Assert.Equal(["slots.slot.created", "slots.booking.created"], types);
    }

    [Fact]
    public async Task Only_admins_read_the_feed_and_its_input_is_checked()
    {
        using var specialist = Factory.NewClient(Factory.Tokens.Specialist(NewSpecialist()));
        using var customer = Factory.NewClient(Factory.Tokens.Customer("ev-nosy"));
        using var anonymous = Factory.NewClient(null);

        await ProblemAsync(await specialist.GetAsync(Feed), HttpStatusCode.Forbidden, "role_not_allowed");
        await ProblemAsync(await customer.GetAsync(Feed), HttpStatusCode.Forbidden, "role_not_allowed");
        await ProblemAsync(await anonymous.GetAsync(Feed), HttpStatusCode.Unauthorized);
        foreach (var query in new[] { "after=1", "after=x-1", "after=-1-1", "after=1-", "after=18446744073709551616-1", "limit=0", "limit=501" })
        {
            await ProblemAsync(await Client.GetAsync($"{Feed}?{query}"), HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task A_consumer_polling_while_transactions_commit_out_of_order_gets_every_event_exactly_once()
    {
        var start = (await ReadAllAsync(null)).LastOrDefault().GetPositionOrNull();
        var consumed = new List<JsonElement>();
        var writersDone = false;
        var consumer = Task.Run(async () =>
        {
            var after = start;
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < deadline)
            {
                var page = await PageAsync(after, 7);
                consumed.AddRange(page);
                after = page.Count > 0 ? page[^1].GetPositionOrNull() : after;
                if (page.Count == 0 && Volatile.Read(ref writersDone) && await CommittedAfterAsync(after) == 0)
                {
                    return;
                }

                await Task.Delay(page.Count == 0 ? 20 : 0);
            }
        });

        // A transaction that takes its id first and commits last, with an event written early on: a reader going by
        // "after the highest number seen" would have passed it by the time it commits.
        await using var old = new NpgsqlConnection(Factory.ConnectionString);
        await old.OpenAsync();
        await using var oldTx = await old.BeginTransactionAsync();
        var oldEvent = Guid.CreateVersion7();
        long oldSeq;
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO events (id, type, subject, time, data) VALUES ($1, 'slots.slot.changed', $2, now(), '{}') RETURNING seq", old, oldTx))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = oldEvent });
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
            oldSeq = (long)(await insert.ExecuteScalarAsync())!;
        }

        var specialists = Enumerable.Range(0, 6).Select(_ => NewSpecialist()).ToList();
        var writers = specialists.Select(async (specialist, w) =>
        {
            using var client = Factory.NewClient(Factory.Tokens.Admin($"writer-{w}"));
            for (var i = 0; i < 8; i++)
            {
                var created = await client.PostAsJsonAsync(Base, new
                {
                    specialistEmail = specialist, specialistId = $"sub-{specialist}", date = Day(10 + i), startTime = "10:00", endTime = "11:00",
                    totalCapacity = 3,
                });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                Assert.Equal(HttpStatusCode.Created, (await BookAsync(client, Id(await BodyAsync(created)), $"w{w}-{i}")).StatusCode);
            }
        }).ToList();
        await Task.WhenAll(writers);
        // The race is real: 96 events with higher numbers committed while the old one was still open.
        var committedPastIt = await Factory.ScalarAsync<long>("SELECT count(*) FROM events WHERE seq > $1", oldSeq);
        Assert.True(committedPastIt >= 96, $"{committedPastIt} events committed past the old one while it was open");
        await oldTx.CommitAsync();
        Volatile.Write(ref writersDone, true);
        await consumer;

        var expected = await Factory.ScalarAsync<string[]>(
            "SELECT coalesce(array_agg(id::text ORDER BY tx, seq), '{}') FROM events WHERE (tx, seq) > (split_part($1, '-', 1)::xid8, split_part($1, '-', 2)::bigint)",
            start ?? "0-0");
        var got = consumed.Select(e => e.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(got.Length, got.Distinct().Count());
        Assert.Equal(expected, got);
        Assert.Contains(oldEvent.ToString(), got);
        Assert.True(Array.IndexOf(got, oldEvent.ToString()) < got.Length - 96, "the old transaction's event comes before the ones that began after it");
    }

    private async Task<int> CommittedAfterAsync(string? after) =>
        (int)await Factory.ScalarAsync<long>(
            "SELECT count(*) FROM events WHERE (tx, seq) > (split_part($1, '-', 1)::xid8, split_part($1, '-', 2)::bigint)", after ?? "0-0");

    private async Task<List<JsonElement>> PageAsync(string? after, int limit)
    {
        var response = await Client.GetAsync(after is null ? $"{Feed}?limit={limit}" : $"{Feed}?after={after}&limit={limit}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await BodyAsync(response)).EnumerateArray()];
    }

    /// <summary>Follows the feed's Link header from <paramref name="after"/> to its end.</summary>
    private async Task<List<JsonElement>> ReadAllAsync(string? after)
    {
        var all = new List<JsonElement>();
        string? url = after is null ? $"{Feed}?limit=500" : $"{Feed}?after={after}&limit=500";
        while (url is not null)
        {
            var response = await Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            all.AddRange((await BodyAsync(response)).EnumerateArray());
            url = NextPage(response);
        }

        return all;
    }
}

internal static class FeedEventExtensions
{
    public static string? GetPositionOrNull(this JsonElement e) =>
        e.ValueKind == JsonValueKind.Object ? e.GetProperty("position").GetString() : null;
}
