using System.Net;
using System.Net.Http.Json;
using System.Text;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>Per-user rate limits (429 with Retry-After) and the request body limit (413).</summary>
[Collection(ApiCollection.Name)]
public class LimitsTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task The_eleventh_booking_in_a_minute_is_429_with_retry_after_and_books_nothing()
    {
        var specialist = NewSpecialist();
        var slots = new List<Guid>();
        for (var i = 0; i < 11; i++)
        {
            slots.Add(Id(await CreateSlotAsync(specialist, days: 1 + i)));
        }

        var customer = $"eager-{Guid.NewGuid():N}";
        using var client = Factory.NewClient(Factory.Tokens.Customer(customer));
        using var patient = Factory.NewClient(Factory.Tokens.Customer($"patient-{Guid.NewGuid():N}"));

        foreach (var slot in slots.Take(10))
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"{Base}/{slot}/book", Json("{}"))).StatusCode);
        }

        var refused = await client.PostAsync($"{Base}/{slots[10]}/book", Json("{}"));

        var problem = await ProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Contains("10 bookings a minute", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE slot_id = $1", slots[10]));
        Assert.Equal(10L, await Factory.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE customer_id = $1", customer));
        // The limit is the user's own: another customer books the same slot at once.
        Assert.Equal(HttpStatusCode.Created, (await patient.PostAsync($"{Base}/{slots[10]}/book", Json("{}"))).StatusCode);
    }

    [Fact]
    public async Task Slot_creation_is_limited_per_specialist()
    {
        var specialist = NewSpecialist();
        using var client = Factory.NewClient(Factory.Tokens.Specialist(specialist));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 31; i++)
        {
            var response = await client.PostAsJsonAsync(Base, new { date = Day(1 + i), startTime = "10:00", endTime = "11:00" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await ProblemAsync(response, HttpStatusCode.TooManyRequests, "rate_limited");
                Assert.NotNull(response.Headers.RetryAfter?.Delta);
            }
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Created, 30).Append(HttpStatusCode.TooManyRequests), statuses);
        Assert.Equal(30L, await Factory.ScalarAsync<long>("SELECT count(*) FROM slots WHERE specialist_email = $1", specialist));
    }

    [Fact]
    public async Task Cancellations_are_limited_per_user_whatever_their_outcome()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 5));
        var customer = $"canceller-{Guid.NewGuid():N}";
        using var client = Factory.NewClient(Factory.Tokens.Customer(customer));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 21; i++)
        {
            statuses.Add((await client.DeleteAsync($"{Base}/{slot}/book/{customer}")).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.NotFound, 20).Append(HttpStatusCode.TooManyRequests), statuses);
        var refused = await client.DeleteAsync($"{Base}/{slot}/book/{customer}");
        var problem = await ProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Contains("20 cancellations a minute", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// On an API limited to 6 changes a minute: one token comes back every 10 s, far more than 7 requests take. (At the
    /// default 60 a minute a token came back every second, and 61 requests on a loaded machine sometimes took longer.)
    /// </summary>
    [Fact]
    public async Task Changes_to_slots_are_limited_per_specialist()
    {
        await using var api = Factory.WithWebHostBuilder(b => b.UseSetting("Slots:RateLimits:SlotChangesPerMinute", "6"));
        var specialist = NewSpecialist();
        var slot = Id(await CreateSlotAsync(specialist));
        using var client = SlotsApiFactory.ClientOf(api, Factory.Tokens.Specialist(specialist));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await client.PutAsync($"{Base}/{slot}", Json($$"""{"status":"{{(i % 2 == 0 ? "inactive" : "active")}}"}"""))).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 6).Append(HttpStatusCode.TooManyRequests), statuses);
        var problem = await ProblemAsync(await client.DeleteAsync($"{Base}/{slot}"), HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Contains("6 changes to slots a minute", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM slots WHERE id = $1", slot));
    }

    [Fact]
    public async Task A_series_counts_as_one_creation_and_a_change_to_a_whole_series_as_one_change()
    {
        await using var api = Factory.WithWebHostBuilder(b => b
            .UseSetting("Slots:RateLimits:SlotCreationsPerMinute", "2")
            .UseSetting("Slots:RateLimits:SlotChangesPerMinute", "6"));
        var specialist = NewSpecialist();
        using var client = SlotsApiFactory.ClientOf(api, Factory.Tokens.Specialist(specialist));
        var from = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime).AddDays(10);
        string Pattern(int week) =>
            $$"""{"from":"{{from.AddDays(7 * week):yyyy-MM-dd}}","to":"{{from.AddDays((7 * week) + 6):yyyy-MM-dd}}","weekdays":["monday","tuesday","wednesday","thursday","friday"],"windows":[{"startTime":"09:00","endTime":"13:00"}],"slotMinutes":60}""";

        var created = new List<HttpResponseMessage>();
        for (var week = 0; week < 3; week++)
        {
            created.Add(await client.PostAsync($"{Base}/series", Json(Pattern(week))));
        }

        // Two requests of 20 slots each pass a bucket of two creations; the third request does not.
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], created.Select(r => r.StatusCode));
        Assert.Equal(40L, await Factory.ScalarAsync<long>("SELECT count(*) FROM slots WHERE specialist_email = $1", specialist));
        var series = (await BodyAsync(created[0])).GetProperty("seriesId").GetGuid();
        var changes = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            changes.Add((await client.PutAsync($"{Base}/series/{series}", Json($$"""{"status":"{{(i % 2 == 0 ? "inactive" : "active")}}"}"""))).StatusCode);
        }

        // Six changes of 20 slots each pass a bucket of six; the seventh does not, nor a delete after it.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 6).Append(HttpStatusCode.TooManyRequests), changes);
        await ProblemAsync(await client.DeleteAsync($"{Base}/series/{series}"), HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(40L, await Factory.ScalarAsync<long>("SELECT count(*) FROM slots WHERE specialist_email = $1", specialist));
    }

    [Fact]
    public async Task The_anonymous_view_is_limited_per_client_and_a_forwarded_address_counts_only_from_a_trusted_proxy()
    {
        var path = $"{Available(NewSpecialist())}";
        await using (var direct = Factory.WithWebHostBuilder(b => b.UseSetting("Slots:RateLimits:AvailableReadsPerMinute", "3")))
        {
            // Without a trusted proxy the header is the client's own word, and changes nothing.
            var statuses = await ReadsAsync(SlotsApiFactory.ClientOf(direct), path, ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"]);
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        }

        await using var proxied = Factory.WithWebHostBuilder(b => b
            .UseSetting("Slots:RateLimits:AvailableReadsPerMinute", "3")
            .UseSetting("Slots:TrustedProxies:0", "127.0.0.1")
            .UseSetting("Slots:TrustedProxies:1", "::1"));
        var client = SlotsApiFactory.ClientOf(proxied);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 4), await ReadsAsync(client, path, ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"]));
        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests],
            await ReadsAsync(client, path, ["10.0.0.9", "10.0.0.9", "10.0.0.9", "10.0.0.9"]).ContinueWith(t => t.Result.Skip(1).ToList(), TaskScheduler.Default));
    }

    private static async Task<List<HttpStatusCode>> ReadsAsync(HttpClient client, string path, string[] forwardedFor)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var address in forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    [Fact]
    public async Task A_body_over_64_KB_is_413_and_stores_nothing()
    {
        var specialist = NewSpecialist();
        var padding = new string(' ', 70 * 1024);
        var body = $$"""{"specialistEmail":"{{specialist}}","specialistId":"sub-{{specialist}}","date":"{{Day(2)}}","startTime":"10:00","endTime":"11:00"{{padding}}}""";

        var sized = await Client.PostAsync(Base, Json(body));
        var chunked = await Client.PostAsync(Base, new ChunkedJson(body));

        await ProblemAsync(sized, HttpStatusCode.RequestEntityTooLarge);
        await ProblemAsync(chunked, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM slots WHERE specialist_email = $1", specialist));
        // Just under the limit is fine.
        var fits = body.Replace(padding, new string(' ', 60 * 1024), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await Client.PostAsync(Base, Json(fits))).StatusCode);
    }

    /// <summary>JSON sent without a Content-Length, so the limit can only be noticed while reading.</summary>
    private sealed class ChunkedJson : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedJson(string json)
        {
            _bytes = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
