using System.Net;
using System.Text.Json;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

[Collection(ApiCollection.Name)]
public class ReadSlotTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Specialist_list_has_past_and_future_slots_with_bookings_sorted_by_start()
    {
        var specialist = NewSpecialist();
        var later = await CreateSlotAsync(specialist, days: 4);
        var soon = await CreateSlotAsync(specialist, days: 1, capacity: 2);
        var booked = await BookAsync(Client, Id(soon), "cust-a");
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);

        Factory.Clock.Advance(TimeSpan.FromDays(2)); // "soon" is now in the past
        var slots = await BodyAsync(await Client.GetAsync($"{Schedule(specialist)}"));

        Assert.Equal([Id(soon), Id(later)], slots.EnumerateArray().Select(Id));
        var booking = Assert.Single(slots[0].GetProperty("bookings").EnumerateArray());
        Assert.Equal("cust-a", booking.GetProperty("customerId").GetString());
        Assert.Equal("cust-a@customers.example", booking.GetProperty("customerEmail").GetString());
        Assert.True(booking.TryGetProperty("bookedAt", out _));
        Assert.Equal(JsonValueKind.Null, booking.GetProperty("cancelledAt").ValueKind);
    }

    [Fact]
    public async Task Specialist_list_pages_through_a_link_header()
    {
        var specialist = NewSpecialist();
        var created = new List<Guid>();
        for (var day = 1; day <= 5; day++)
        {
            created.Add(Id(await CreateSlotAsync(specialist, days: day)));
        }

        var seen = new List<Guid>();
        var url = $"{Schedule(specialist)}?limit=2";
        var pages = 0;
        while (url is not null)
        {
            var response = await Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AddRange((await BodyAsync(response)).EnumerateArray().Select(Id));
            pages++;
            url = response.Headers.TryGetValues("Link", out var links) ? ParseNext(links.Single()) : null;
        }

        Assert.Equal(created, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task The_next_link_never_echoes_the_requests_host()
    {
        var specialist = NewSpecialist();
        await CreateSlotAsync(specialist, days: 1);
        await CreateSlotAsync(specialist, days: 2);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Schedule(specialist)}?limit=1");
        request.Headers.Host = "evil.example";

        var response = await Client.SendAsync(request);

        var link = Assert.Single(response.Headers.GetValues("Link"));
        Assert.DoesNotContain("evil.example", link, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith($"<{Schedule(specialist)}?limit=1&cursor=", link, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("a@b.io?limit=0")]
    [InlineData("a@b.io?limit=501")]
    [InlineData("a@b.io?limit=abc")]
    [InlineData("a@b.io?cursor=nonsense")]
    public async Task Specialist_list_refuses_bad_queries(string pathAndQuery) =>
        await ProblemAsync(await Client.GetAsync($"{Base}/{pathAndQuery}"), HttpStatusCode.BadRequest);

    [Fact]
    public async Task Available_shows_only_active_future_slots_with_seats_left_and_no_bookings()
    {
        var specialist = NewSpecialist();
        var open = await CreateSlotAsync(specialist, days: 1, start: "09:00", end: "10:00", capacity: 3);
        var full = await CreateSlotAsync(specialist, days: 1, start: "10:00", end: "11:00");
        var inactive = await CreateSlotAsync(specialist, days: 1, start: "11:00", end: "12:00");
        var outOfDefaultRange = await CreateSlotAsync(specialist, days: 45);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, Id(open), "c1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, Id(full), "c2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.PutAsync($"{Base}/{Id(inactive)}", Json("""{"status":"inactive"}"""))).StatusCode);

        var available = await BodyAsync(await Client.GetAsync($"{Available(specialist)}"));

        var only = Assert.Single(available.EnumerateArray());
        Assert.Equal(Id(open), Id(only));
        Assert.Equal(2, only.GetProperty("remainingCapacity").GetInt32());
        Assert.False(only.TryGetProperty("bookings", out _));
        Assert.False(only.TryGetProperty("bookedCount", out _));

        var wide = await BodyAsync(await Client.GetAsync($"{Available(specialist)}?startDate={Day(40)}&endDate={Day(50)}"));
        Assert.Equal(Id(outOfDefaultRange), Id(Assert.Single(wide.EnumerateArray())));
    }

    [Fact]
    public async Task Available_hides_a_slot_once_it_starts()
    {
        var specialist = NewSpecialist();
        await CreateSlotAsync(specialist, days: 1, start: "23:00", end: "23:30");

        Assert.Equal(1, (await BodyAsync(await Client.GetAsync($"{Available(specialist)}"))).GetArrayLength());
        Factory.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, (await BodyAsync(await Client.GetAsync($"{Available(specialist)}?startDate={Day(-3)}"))).GetArrayLength());
    }

    [Theory]
    [InlineData("?startDate=2026-13-01")]
    [InlineData("?endDate=tomorrow")]
    [InlineData("?startDate=2030-02-01&endDate=2030-01-01")]
    [InlineData("?startDate=2030-01-01&endDate=2032-01-01")]
    public async Task Available_refuses_bad_dates(string query) =>
        await ProblemAsync(await Client.GetAsync($"{Available("a@b.io")}{query}"), HttpStatusCode.BadRequest, "validation_failed");

    [Fact]
    public async Task A_slot_by_id_and_a_missing_one()
    {
        var slot = await CreateSlotAsync(NewSpecialist());

        var found = await Client.GetAsync($"{Base}/{Id(slot)}");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal(Id(slot), Id(await BodyAsync(found)));

        await ProblemAsync(await Client.GetAsync($"{Base}/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "slot_not_found");
    }

    private static string ParseNext(string link)
    {
        Assert.EndsWith("rel=\"next\"", link);
        // A relative reference (RFC 8288 allows it): nothing of the request's Host header is echoed.
        var target = link[1..link.IndexOf('>')];
        Assert.StartsWith("/api/specialists/", target, StringComparison.Ordinal);
        return target;
    }

    /// <summary>The lists' first paths still answer, as their successors do, and say they are deprecated and by what.</summary>
    [Fact]
    public async Task The_lists_first_paths_answer_as_their_successors_and_say_they_are_deprecated()
    {
        var specialist = NewSpecialist();
        var slot = Id(await CreateSlotAsync(specialist, days: 2));
        var escaped = Uri.EscapeDataString(specialist);

        foreach (var (old, successor) in new[]
                 {
                     ($"{Base}/{specialist}", Schedule(escaped)),
                     ($"{Base}/available/{specialist}", Available(escaped)),
                 })
        {
            var response = await Client.GetAsync(old);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(slot, Id(Assert.Single((await BodyAsync(response)).EnumerateArray())));
            Assert.Equal("@1795910400", Assert.Single(response.Headers.GetValues("Deprecation")));
            Assert.Contains($"<{successor}>; rel=\"successor-version\"", response.Headers.GetValues("Link"));
            Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(successor)).StatusCode);
        }
    }
}
