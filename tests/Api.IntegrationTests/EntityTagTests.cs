using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// ETags: a slot's is its version ("v1", one more per change, bookings included); <c>If-Match</c> on PUT and DELETE
/// refuses a stale edit with 412; <c>If-None-Match</c> on a slot and on the bookable list answers 304.
/// </summary>
[Collection(ApiCollection.Name)]
public class EntityTagTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task A_slot_is_tagged_with_its_version_and_a_current_tag_gets_304()
    {
        var created = await Client.PostAsJsonAsync(Base, NewSlot(NewSpecialist(), days: 2));
        var slot = Id(await BodyAsync(created));

        Assert.Equal("\"v1\"", created.Headers.ETag?.ToString());
        var read = await Client.GetAsync($"{Base}/{slot}");
        Assert.Equal("\"v1\"", read.Headers.ETag?.ToString());
        Assert.Equal(1, (await BodyAsync(read)).GetProperty("version").GetInt32());

        var unchanged = await Conditional(HttpMethod.Get, $"{Base}/{slot}", ifNoneMatch: "\"v1\"");
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());
        Assert.Equal("\"v1\"", unchanged.Headers.ETag?.ToString());

        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, "tagged")).StatusCode);
        var changed = await Conditional(HttpMethod.Get, $"{Base}/{slot}", ifNoneMatch: "W/\"v1\", \"v7\"");
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("\"v2\"", changed.Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.NotModified, (await Conditional(HttpMethod.Get, $"{Base}/{slot}", ifNoneMatch: "W/\"v2\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await Conditional(HttpMethod.Get, $"{Base}/{slot}", ifNoneMatch: "*")).StatusCode);
    }

    [Fact]
    public async Task A_stale_if_match_is_refused_with_412_and_changes_nothing()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), days: 3));

        var first = await Conditional(HttpMethod.Put, $"{Base}/{slot}", ifMatch: "\"v1\"", body: """{"startTime":"09:00"}""");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"v2\"", first.Headers.ETag?.ToString());

        var stale = await Conditional(HttpMethod.Put, $"{Base}/{slot}", ifMatch: "\"v1\"", body: """{"startTime":"08:00"}""");
        await ProblemAsync(stale, HttpStatusCode.PreconditionFailed, "precondition_failed");
        var now = await BodyAsync(await Client.GetAsync($"{Base}/{slot}"));
        Assert.Equal(("09:00", 2), (now.GetProperty("startTime").GetString(), now.GetProperty("version").GetInt32()));
    }

    [Theory]
    [InlineData("W/\"v1\"")]
    [InlineData("v1")]
    [InlineData("\"v0\"")]
    [InlineData("\"v99999999999\"")]
    [InlineData("\"1\"")]
    [InlineData("\"v2\", \"v3\"")]
    public async Task If_match_needs_the_current_version_as_a_strong_tag(string ifMatch)
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), days: 4));

        await ProblemAsync(await Conditional(HttpMethod.Delete, $"{Base}/{slot}", ifMatch: ifMatch), HttpStatusCode.PreconditionFailed, "precondition_failed");

        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"{Base}/{slot}")).StatusCode);
    }

    [Theory]
    [InlineData("\"v1\"")]
    [InlineData("\"v9\", \"v1\"")]
    [InlineData("*")]
    public async Task A_current_tag_or_a_star_lets_the_delete_through(string ifMatch)
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), days: 5));

        Assert.Equal(HttpStatusCode.NoContent, (await Conditional(HttpMethod.Delete, $"{Base}/{slot}", ifMatch: ifMatch)).StatusCode);
    }

    [Fact]
    public async Task A_booking_makes_the_specialists_tag_stale_and_a_missing_slot_is_still_404()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), days: 6, capacity: 2));
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, "after-read")).StatusCode);

        await ProblemAsync(
            await Conditional(HttpMethod.Put, $"{Base}/{slot}", ifMatch: "\"v1\"", body: """{"status":"inactive"}"""),
            HttpStatusCode.PreconditionFailed, "precondition_failed");
        await ProblemAsync(await Conditional(HttpMethod.Delete, $"{Base}/{Guid.NewGuid()}", ifMatch: "\"v1\""), HttpStatusCode.NotFound, "slot_not_found");
    }

    [Fact]
    public async Task Two_edits_racing_on_one_tag_give_one_200_and_one_412()
    {
        var specialist = NewSpecialist();
        var slot = Id(await CreateSlotAsync(specialist, days: 7));
        var token = Factory.Tokens.Specialist(specialist);
        var clients = Enumerable.Range(0, 2).Select(_ => Factory.NewClient(token)).ToList();
        var start = new TaskCompletionSource();

        var edits = clients.Select(async (client, i) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"{Base}/{slot}") { Content = Json($$"""{"startTime":"0{{i + 8}}:00"}""") };
            request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"v1\""));
            await start.Task;
            return await client.SendAsync(request);
        }).ToList();
        start.SetResult();
        var answers = await Task.WhenAll(edits);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], answers.Select(a => a.StatusCode).Order());
        Assert.Equal(2, (await BodyAsync(await Client.GetAsync($"{Base}/{slot}"))).GetProperty("version").GetInt32());
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task The_bookable_list_is_tagged_by_its_content()
    {
        var specialist = NewSpecialist();
        var slot = Id(await CreateSlotAsync(specialist, days: 8, capacity: 3));
        using var anonymous = Factory.NewClient(null);
        var url = $"{Available(specialist)}?startDate={Day(8)}&endDate={Day(8)}";

        var first = await anonymous.GetAsync(url);
        var tag = first.Headers.ETag?.ToString();
        Assert.Matches("^\"h[A-Za-z0-9_-]+\"$", tag);
        Assert.Equal(HttpStatusCode.NotModified, (await Conditional(HttpMethod.Get, url, ifNoneMatch: tag, client: anonymous)).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, "list-changer")).StatusCode);
        var after = await Conditional(HttpMethod.Get, url, ifNoneMatch: tag, client: anonymous);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(tag, after.Headers.ETag?.ToString());
        Assert.Equal(2, (await BodyAsync(after))[0].GetProperty("remainingCapacity").GetInt32());
    }

    private object NewSlot(string specialist, int days) => new
    {
        specialistEmail = specialist, specialistId = $"sub-{specialist}", date = Day(days), startTime = "10:00", endTime = "11:00",
    };

    private Task<HttpResponseMessage> Conditional(
        HttpMethod method, string url, string? ifMatch = null, string? ifNoneMatch = null, string? body = null, HttpClient? client = null) =>
        SendRawAsync(client ?? Client, method, url, body, ("If-Match", ifMatch), ("If-None-Match", ifNoneMatch));
}
