using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Application.Slots.StreamAvailableSlots;
using Slots.Infrastructure.Events;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// The live seat counts over Server-Sent Events, on a real socket: a booking's seats reach an open stream, a full slot is
/// removed, a reconnect with <c>Last-Event-ID</c> gets what it missed, a stream that cannot resume is told to reset, quiet
/// streams send comments, the limits answer 429, and a client too slow to read is dropped.
/// </summary>
[Collection(ApiCollection.Name)]
public class SeatStreamTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    private static string Stream(string specialist) => $"{Available(specialist)}/stream";

    /// <summary>One open stream, read event by event: a client of its own, without the contract check (which reads whole bodies).</summary>
    private sealed class Reader : IAsyncDisposable
    {
        private readonly HttpClient _client;
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _lines;

        private Reader(HttpClient client, HttpResponseMessage response, StreamReader lines) => (_client, _response, _lines) = (client, response, lines);

        public HttpResponseMessage Response => _response;

        public static async Task<Reader> OpenAsync(SlotsApiFactory factory, string path, string? lastEventId = null)
        {
            var client = new HttpClient { BaseAddress = factory.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            if (lastEventId is not null)
            {
                request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
            }

            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            return new Reader(client, response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        }

        /// <summary>The next event (its comments and fields up to the blank line), within 30 s.</summary>
        public async Task<(string? Id, string Event, string Data, List<string> Comments)> NextAsync()
        {
            using var patience = new CancellationTokenSource(Patience);
            var (id, name, data, comments) = ((string?)null, "message", string.Empty, new List<string>());
            var any = false;
            while (true)
            {
                var line = await _lines.ReadLineAsync(patience.Token) ?? throw new EndOfStreamException("the stream ended");
                if (line.Length == 0)
                {
                    if (any && (data.Length > 0 || comments.Count > 0))
                    {
                        return (id, name, data, comments);
                    }

                    continue;
                }

                any = true;
                if (line.StartsWith(':'))
                {
                    comments.Add(line[1..].Trim());
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = line[4..];
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line[6..];
                }
            }
        }

        /// <summary>The first event that <paramref name="wanted"/> picks, past those before it (a slot's creation, say).</summary>
        public async Task<(string? Id, string Event, JsonElement Data)> UntilEventAsync(Func<(string? Id, string Event, JsonElement Data), bool> wanted)
        {
            while (true)
            {
                var e = await NextEventAsync();
                if (wanted(e))
                {
                    return e;
                }
            }
        }

        /// <summary>The next event that is not a comment.</summary>
        public async Task<(string? Id, string Event, JsonElement Data)> NextEventAsync()
        {
            while (true)
            {
                var (id, name, data, _) = await NextAsync();
                if (data.Length > 0)
                {
                    return (id, name, JsonDocument.Parse(data).RootElement);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _lines.Dispose();
            _response.Dispose();
            _client.Dispose();
            await Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_booking_reaches_an_open_stream_and_a_full_slot_is_removed()
    {
        var specialist = NewSpecialist();
        var slot = Id(await CreateSlotAsync(specialist, days: 3, capacity: 2));
        await using var stream = await Reader.OpenAsync(Factory, Stream(specialist));
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        var ready = await stream.NextEventAsync();
        Assert.Equal("ready", ready.Event);

        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, "stream-a")).StatusCode);
        // The slot's creation may come first: the stream starts where the process's reader stood.
        var seats = await stream.UntilEventAsync(e => e.Data.GetProperty("seatsLeft").GetInt32() < 2);
        Assert.Equal(HttpStatusCode.Created, (await HoldAsync(Client, slot, "stream-b")).StatusCode);
        var removed = await stream.NextEventAsync();

        Assert.Equal(("seats", slot, 1, 2, "active"), (seats.Event, seats.Data.GetProperty("slotId").GetGuid(),
            seats.Data.GetProperty("seatsLeft").GetInt32(), seats.Data.GetProperty("totalCapacity").GetInt32(), seats.Data.GetProperty("status").GetString()));
        Assert.Equal(("removed", slot, 0), (removed.Event, removed.Data.GetProperty("slotId").GetGuid(), removed.Data.GetProperty("seatsLeft").GetInt32()));
        Assert.NotNull(seats.Id);
        Assert.NotEqual(seats.Id, removed.Id);
    }

    [Fact]
    public async Task A_reconnect_with_its_last_id_gets_what_it_missed_and_only_that()
    {
        var specialist = NewSpecialist();
        var slot = Id(await CreateSlotAsync(specialist, days: 3, capacity: 3));
        var other = Id(await CreateSlotAsync(NewSpecialist(), days: 3, capacity: 3));
        // Another page stays open throughout, so the process's reader keeps its place (with none open it stops reading,
        // and a stream that comes back is told to reset).
        await using var watcher = await Reader.OpenAsync(Factory, Stream(specialist));
        await watcher.NextEventAsync();
        string? last;
        await using (var first = await Reader.OpenAsync(Factory, Stream(specialist)))
        {
            await first.NextEventAsync();
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, "resume-1")).StatusCode);
            last = (await first.UntilEventAsync(e => e.Data.GetProperty("seatsLeft").GetInt32() == 2)).Id;
        }

        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, "resume-2")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, other, "resume-elsewhere")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, "resume-3")).StatusCode);
        // The reader has read them all once the watching page sees the last.
        await watcher.UntilEventAsync(e => e.Event == "removed");

        await using var again = await Reader.OpenAsync(Factory, Stream(specialist), last);
        var missed = await again.NextEventAsync();
        var next = await again.NextEventAsync();

        Assert.Equal(("seats", 1), (missed.Event, missed.Data.GetProperty("seatsLeft").GetInt32()));
        Assert.Equal(("removed", 0), (next.Event, next.Data.GetProperty("seatsLeft").GetInt32()));
        Assert.All(new[] { missed, next }, e => Assert.Equal(slot, e.Data.GetProperty("slotId").GetGuid()));
    }

    [Theory]
    [InlineData("not-a-position")]
    [InlineData("1-1")]
    public async Task A_stream_that_cannot_resume_is_told_to_reset(string lastEventId)
    {
        var specialist = NewSpecialist();
        await CreateSlotAsync(specialist, days: 3, capacity: 1);

        await using var stream = await Reader.OpenAsync(Factory, Stream(specialist), lastEventId);

        Assert.Equal("reset", (await stream.NextEventAsync()).Event);
    }

    [Fact]
    public async Task A_quiet_stream_sends_comments_and_a_series_change_resets_its_page()
    {
        var specialist = NewSpecialist();
        await using var stream = await Reader.OpenAsync(Factory, Stream(specialist));
        await stream.NextEventAsync();

        var (_, _, data, comments) = await stream.NextAsync();

        Assert.Equal(string.Empty, data);
        Assert.Equal(["keep-alive"], comments);
        using var theSpecialist = Factory.NewClient(Factory.Tokens.Specialist(specialist));
        var series = await theSpecialist.PostAsync($"{Base}/series", Json($$"""
            {"from": "{{Day(3)}}", "to": "{{Day(3)}}", "weekdays": ["monday","tuesday","wednesday","thursday","friday","saturday","sunday"],
             "windows": [{"startTime": "09:00", "endTime": "10:00"}], "slotMinutes": 60, "timezone": "UTC", "totalCapacity": 1}
            """));
        Assert.True(series.StatusCode == HttpStatusCode.Created, await series.Content.ReadAsStringAsync());
        Assert.Equal("reset", (await stream.NextEventAsync()).Event);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("a@")]
    public async Task A_stream_of_no_address_is_refused(string email)
    {
        using var anonymous = Factory.NewClient(null);

        await ProblemAsync(await anonymous.GetAsync(Stream(email)), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task One_address_keeps_at_most_its_share_of_streams_open()
    {
        var specialist = NewSpecialist();
        var hub = Factory.Services.GetRequiredService<SeatStreams>();
        // The other tests' streams, closed by their clients, are gone once the server has seen them go.
        await UntilAsync(() => Task.FromResult(hub.OpenCount() == 0));
        var open = new List<Reader>();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                var stream = await Reader.OpenAsync(Factory, Stream(specialist));
                open.Add(stream);
                Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
            }

            using var anonymous = Factory.NewClient(null);
            var refused = await ProblemAsync(await anonymous.GetAsync(Stream(specialist)), HttpStatusCode.TooManyRequests, "rate_limited");
            Assert.NotNull(refused.GetProperty("detail").GetString());
        }
        finally
        {
            foreach (var stream in open)
            {
                await stream.DisposeAsync();
            }
        }

        // Closed streams give their places back.
        await UntilAsync(async () =>
        {
            await using var stream = await Reader.OpenAsync(Factory, Stream(specialist));
            return stream.Response.StatusCode == HttpStatusCode.OK;
        });
    }

    [Fact]
    public async Task A_client_too_slow_to_read_is_dropped_not_buffered()
    {
        var specialist = NewSpecialist();
        var slot = Id(await CreateSlotAsync(specialist, days: 3, capacity: 20));
        // A reader of its own (not the process's), queues of two, driven round by round.
        var hub = new SeatStreams(
            Factory.Services.GetRequiredService<IServiceScopeFactory>(), new SeatStreamOptions { QueueLength = 2 }, Factory.Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SeatStreams>.Instance);
        using var slow = ((ISeatStreams)hub).Open(specialist, "203.0.113.7", null)!;
        using var keeping = ((ISeatStreams)hub).Open(specialist, "203.0.113.8", null)!;
        Assert.Empty(slow.First); // told ready once the reader has found the feed's end
        await hub.RoundAsync(default);
        Assert.True(keeping.Changes.TryRead(out var ready) && ready.Event == "ready");

        // One booking a round (the feed shows a booking once every older transaction has ended): the reading client takes
        // each change as it comes; the other reads nothing, and its third change finds its queue full.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, $"slow-{i}")).StatusCode);
            await UntilAsync(async () =>
            {
                await hub.RoundAsync(default);
                return keeping.Changes.TryRead(out _);
            });
        }

        // It gets what was queued before it fell behind, and then its stream ends.
        var queued = 0;
        while (slow.Changes.TryRead(out _))
        {
            queued++;
        }

        Assert.Equal(2, queued); // its ready and the first change
        await slow.Changes.Completion.WaitAsync(Patience);
        Assert.False(keeping.Changes.Completion.IsCompleted);
        Assert.Equal(1, hub.OpenCount());
    }
}
