using System.Net;
using System.Net.Http.Json;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// A specialist's own list as their screen reads it, a page at a time: upcoming (soonest first) or past (latest first),
/// and narrowed to slots open or closed for booking, or to those someone booked or nobody has.
/// </summary>
[Collection(ApiCollection.Name)]
public class ScheduleFilterTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Upcoming_and_past_are_split_at_the_end_of_a_slot_and_each_is_paged_in_its_own_order()
    {
        var specialist = NewSpecialist();
        var slots = new List<Guid>();
        for (var day = 1; day <= 6; day++)
        {
            slots.Add(Id(await CreateSlotAsync(specialist, days: day)));
        }

        // History cannot be made through the API: the first three go into the past directly, the third still running.
        var now = Factory.Clock.GetUtcNow().UtcDateTime;
        await Factory.ExecuteAsync("UPDATE slots SET starts_at = $2, ends_at = $3 WHERE id = $1", slots[0], now.AddDays(-3), now.AddDays(-3).AddHours(1));
        await Factory.ExecuteAsync("UPDATE slots SET starts_at = $2, ends_at = $3 WHERE id = $1", slots[1], now.AddDays(-2), now.AddDays(-2).AddHours(1));
        await Factory.ExecuteAsync("UPDATE slots SET starts_at = $2, ends_at = $3 WHERE id = $1", slots[2], now.AddMinutes(-30), now.AddMinutes(30));

        Assert.Equal([slots[1], slots[0]], await AllPagesAsync($"{Schedule(specialist)}?when=past&limit=1"));
        Assert.Equal([slots[2], slots[3], slots[4], slots[5]], await AllPagesAsync($"{Schedule(specialist)}?when=upcoming&limit=3"));
        // Without `when`, all of them, soonest first, as before.
        Assert.Equal([slots[0], slots[1], slots[2], slots[3], slots[4], slots[5]], await AllPagesAsync($"{Schedule(specialist)}?limit=4"));
    }

    [Fact]
    public async Task Status_and_booked_narrow_the_list_and_combine_with_each_other()
    {
        var specialist = NewSpecialist();
        var (open, closed, booked, bookedClosed) = (
            Id(await CreateSlotAsync(specialist, days: 1, capacity: 2)), Id(await CreateSlotAsync(specialist, days: 2)),
            Id(await CreateSlotAsync(specialist, days: 3, capacity: 2)), Id(await CreateSlotAsync(specialist, days: 4, capacity: 3)));
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, booked, "c1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, bookedClosed, "c2")).StatusCode);
        foreach (var id in new[] { closed, bookedClosed })
        {
            Assert.Equal(HttpStatusCode.OK, (await Client.PutAsJsonAsync($"{Base}/{id}", new { status = "inactive" })).StatusCode);
        }

        var list = $"{Schedule(specialist)}?when=upcoming";
        Assert.Equal([open, booked], await AllPagesAsync($"{list}&status=active"));
        Assert.Equal([closed, bookedClosed], await AllPagesAsync($"{list}&status=inactive"));
        Assert.Equal([booked, bookedClosed], await AllPagesAsync($"{list}&booked=true&limit=1"));
        Assert.Equal([open, closed], await AllPagesAsync($"{list}&booked=false"));
        Assert.Equal([bookedClosed], await AllPagesAsync($"{list}&booked=true&status=inactive"));

        // A cancellation frees the slot: nobody holds a seat in it any more.
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{booked}/book/c1")).StatusCode);
        Assert.Equal([open, closed, booked], await AllPagesAsync($"{list}&booked=false"));
    }

    [Theory]
    [InlineData("when=later", "when")]
    [InlineData("when=", "when")]
    [InlineData("when=PAST", "when")]
    [InlineData("status=open", "status")]
    [InlineData("status=", "status")]
    public async Task A_filter_it_does_not_know_is_a_400_naming_the_parameter(string query, string field)
    {
        var problem = await ProblemAsync(await Client.GetAsync($"{Schedule(NewSpecialist())}?{query}"), HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Booked_that_is_not_true_or_false_is_a_400()
    {
        await ProblemAsync(await Client.GetAsync($"{Schedule(NewSpecialist())}?booked=perhaps"), HttpStatusCode.BadRequest);
    }

    private async Task<List<Guid>> AllPagesAsync(string url)
    {
        var ids = new List<Guid>();
        for (string? next = url; next is not null;)
        {
            var response = await Client.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            ids.AddRange((await BodyAsync(response)).EnumerateArray().Select(s => s.GetProperty("id").GetGuid()));
            next = NextPage(response);
        }

        return ids;
    }
}
