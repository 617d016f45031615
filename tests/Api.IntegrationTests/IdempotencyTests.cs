using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Infrastructure.Idempotency;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// <c>Idempotency-Key</c> on creating a slot, booking a seat and cancelling one: a repeat gets the first answer again (status, headers,
/// body) with <c>Idempotent-Replayed: true</c>; the key is kept with the effect, in one transaction.
/// </summary>
[Collection(ApiCollection.Name)]
public class IdempotencyTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task A_retried_booking_gets_the_first_answer_again_not_already_booked()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), days: 3, capacity: 2));
        using var customer = Factory.NewClient(Factory.Tokens.Customer($"idem-{Guid.NewGuid():N}"));
        var key = Guid.NewGuid().ToString();

        var first = await Send(customer, $"{Base}/{slot}/book", "{}", key);
        var again = await Send(customer, $"{Base}/{slot}/book", "{}", key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", slot));
        // Without the key, a repeat is a second request: the customer already holds a seat.
        await ProblemAsync(await Send(customer, $"{Base}/{slot}/book", "{}", key: null), HttpStatusCode.Conflict, "already_booked");
    }

    /// <summary>
    /// A cancellation that committed after its answer was lost (a 503 once the request's budget ran out, a dropped
    /// connection) is retried with its key: it gets 204 again, not 404 <c>booking_not_found</c> as if there had been no booking.
    /// </summary>
    [Fact]
    public async Task A_retried_cancellation_gets_204_again_not_booking_not_found()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), days: 3, capacity: 2));
        var customerId = $"idem-{Guid.NewGuid():N}";
        using var customer = Factory.NewClient(Factory.Tokens.Customer(customerId));
        Assert.Equal(HttpStatusCode.Created, (await Send(customer, $"{Base}/{slot}/book", "{}", key: null)).StatusCode);

        var first = await SendRawAsync(customer, HttpMethod.Delete, $"{Base}/{slot}/book/me", null, ("Idempotency-Key", "cancel-1"));
        var again = await SendRawAsync(customer, HttpMethod.Delete, $"{Base}/{slot}/book/me", null, ("Idempotency-Key", "cancel-1"));

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (first.StatusCode, again.StatusCode));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1L, await Factory.ScalarAsync<long>(
            "SELECT count(*) FROM events WHERE subject = $1 AND type = 'slots.booking.cancelled' AND data -> 'booking' ->> 'customerId' = $2", slot, customerId));
        // The key names that cancellation: the same key with a reason is another request; without a key, a repeat is judged afresh.
        await ProblemAsync(
            await Send(customer, $"{Base}/{slot}/book/me/cancellation", """{"reason":"Ill"}""", "cancel-1"),
            HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        await ProblemAsync(
            await SendRawAsync(customer, HttpMethod.Delete, $"{Base}/{slot}/book/me", null), HttpStatusCode.NotFound, "booking_not_found");
    }

    [Fact]
    public async Task A_repeated_create_replays_status_location_etag_and_body()
    {
        var specialist = NewSpecialist();
        using var owner = Factory.NewClient(Factory.Tokens.Specialist(specialist));
        var body = $$"""{"date":"{{Day(4)}}","startTime":"10:00","endTime":"11:00"}""";

        var first = await Send(owner, Base, body, "create-1");
        var again = await Send(owner, Base, body.Replace(",", ", ", StringComparison.Ordinal), "create-1");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, again.StatusCode));
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM slots WHERE specialist_email = $1", specialist));
    }

    [Fact]
    public async Task The_same_key_for_another_request_is_422_and_other_callers_keys_are_their_own()
    {
        var specialist = NewSpecialist();
        using var owner = Factory.NewClient(Factory.Tokens.Specialist(specialist));
        Assert.Equal(HttpStatusCode.Created, (await Send(owner, Base, $$"""{"date":"{{Day(5)}}","startTime":"10:00","endTime":"11:00"}""", "k")).StatusCode);

        await ProblemAsync(
            await Send(owner, Base, $$"""{"date":"{{Day(5)}}","startTime":"12:00","endTime":"13:00"}""", "k"),
            HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");

        var other = NewSpecialist();
        using var someoneElse = Factory.NewClient(Factory.Tokens.Specialist(other));
        var theirs = await Send(someoneElse, Base, $$"""{"date":"{{Day(5)}}","startTime":"12:00","endTime":"13:00"}""", "k");
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        Assert.False(theirs.Headers.Contains("Idempotent-Replayed"));
    }

    [Theory]
    [InlineData(256)]
    [InlineData(0)]
    public async Task A_key_that_is_empty_or_over_255_characters_is_400(int length)
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), days: 6));

        var problem = await ProblemAsync(await Send(Client, $"{Base}/{slot}/book", Booking("idem-long"), new string('k', length)), HttpStatusCode.BadRequest);

        // Named as the header is, not camel-cased as a body's field ("idempotency-Key" before).
        Assert.True(problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), problem.ToString());
        Assert.Equal(0, await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", slot));
    }

    [Fact]
    public async Task A_key_of_255_printable_characters_is_taken_and_a_control_character_is_not()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), days: 7, capacity: 3));

        Assert.Equal(HttpStatusCode.Created, (await Send(Client, $"{Base}/{slot}/book", Booking("idem-255"), new string('~', 255))).StatusCode);
        await ProblemAsync(await Send(Client, $"{Base}/{slot}/book", Booking("idem-ctl"), "a\tb"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Fifty_parallel_requests_with_one_key_make_one_booking_and_identical_answers()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), days: 8, capacity: 10));
        // What is checked is the answers, not how fast 50 repeats of one key are served one after another: with the 2 s
        // budget, a loaded machine answered 42 of them 503 (fresh-clone runs of 37dbb10 and 4860b5e).
        await using var api = Factory.WithWebHostBuilder(b => b
            .UseSetting("Slots:Webhooks:DispatcherEnabled", "false")
            .UseSetting("Slots:Mail:NotifierEnabled", "false")
            .UseSetting("Slots:Waits:RequestBudget", "00:00:30"));
        // An internal service (not rate limited) booking for one customer, 50 times at once.
        var clients = Enumerable.Range(0, 50).Select(_ => SlotsApiFactory.ClientOf(api, Factory.Tokens.Admin("idem-service"))).ToList();
        var body = Booking($"idem-race-{Guid.NewGuid():N}");
        var go = new TaskCompletionSource();

        var requests = clients.Select(async client =>
        {
            await go.Task;
            var response = await Send(client, $"{Base}/{slot}/book", body, "one-key");
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(), Replayed: response.Headers.Contains("Idempotent-Replayed"));
        }).ToList();
        go.SetResult();
        var answers = await Task.WhenAll(requests);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Equal(49, answers.Count(a => a.Replayed));
        Assert.Equal(1, await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", slot));
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task A_key_is_forgotten_after_24_hours_and_swept()
    {
        var specialist = NewSpecialist();
        using var owner = Factory.NewClient(Factory.Tokens.Specialist(specialist));
        var body = $$"""{"date":"{{Day(9)}}","startTime":"10:00","endTime":"11:00"}""";
        var first = Id(await BodyAsync(await Send(owner, Base, body, "old-key")));
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"{Base}/{first}")).StatusCode);
        await Factory.ExecuteAsync("UPDATE idempotency_keys SET created_at = created_at - interval '24 hours 1 second' WHERE key = 'old-key'");

        var again = await Send(owner, Base, body, "old-key");

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(first, Id(await BodyAsync(again)));
        await Factory.ExecuteAsync("UPDATE idempotency_keys SET created_at = created_at - interval '25 hours' WHERE key = 'old-key'");
        Assert.True(await Factory.Services.GetRequiredService<IdempotencySweeper>().SweepAsync(default) >= 1);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM idempotency_keys WHERE key = 'old-key'"));
    }

    /// <summary>More than a batch of expired answers go in one sweep, batch after batch; one still alive stays.</summary>
    [Fact]
    public async Task The_sweep_forgets_more_than_a_batch_and_no_live_key()
    {
        var scope = $"sweep|{Guid.NewGuid():N}";
        var now = Factory.Clock.GetUtcNow().UtcDateTime; // the sweep's clock, which other tests move on
        await Factory.ExecuteAsync(
            """
            INSERT INTO idempotency_keys (scope, operation, key, fingerprint, body, created_at)
            SELECT $1, 'createSlot', 'k' || i, '\x00', '{}', $3 - interval '25 hours' - i * interval '1 second' FROM generate_series(1, $2) i
            """,
            scope, IdempotencySweeper.Batch + 5, now);
        await Factory.ExecuteAsync(
            "INSERT INTO idempotency_keys (scope, operation, key, fingerprint, body, created_at) VALUES ($1, 'createSlot', 'alive', '\\x00', '{}', $2)", scope, now);

        var swept = await Factory.Services.GetRequiredService<IdempotencySweeper>().SweepAsync(default);

        Assert.True(swept >= IdempotencySweeper.Batch + 5, $"{swept} swept");
        Assert.Equal(["alive"], await Factory.ScalarAsync<string[]>("SELECT array_agg(key) FROM idempotency_keys WHERE scope = $1", scope));
    }

    private static string Booking(string customer) =>
        $$"""{"customerId":"{{customer}}","customerEmail":"{{customer}}@customers.example","customerName":"Customer {{customer}}"}""";

    private static Task<HttpResponseMessage> Send(HttpClient client, string url, string body, string? key) =>
        SendRawAsync(client, HttpMethod.Post, url, body, ("Idempotency-Key", key));
}
