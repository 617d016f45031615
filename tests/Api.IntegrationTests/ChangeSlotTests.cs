using System.Net;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

[Collection(ApiCollection.Name)]
public class ChangeSlotTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Changing_times_moves_the_instants_and_keeps_date_and_capacity()
    {
        var slot = await CreateSlotAsync(NewSpecialist(), days: 3, capacity: 4, timezone: "Europe/Berlin");

        var response = await Client.PutAsync($"{Base}/{Id(slot)}", Json("""{"startTime":"14:00","endTime":"15:45"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changed = await BodyAsync(response);
        Assert.Equal("14:00", changed.GetProperty("startTime").GetString());
        Assert.Equal(105, changed.GetProperty("duration").GetInt32());
        Assert.Equal(Day(3), changed.GetProperty("date").GetString());
        Assert.Equal(4, changed.GetProperty("totalCapacity").GetInt32());
        var stored = await BodyAsync(await Client.GetAsync($"{Base}/{Id(slot)}"));
        Assert.Equal(changed.GetProperty("startsAt").GetString(), stored.GetProperty("startsAt").GetString());
    }

    [Fact]
    public async Task A_change_to_a_booked_slot_answers_with_all_its_live_bookings()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), days: 3, capacity: 3));
        foreach (var customer in new[] { "put-a", "put-b", "put-c" })
        {
            // A second apart, so the bookings have an order of their own.
            Factory.Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, customer)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{slot}/book/put-b")).StatusCode);

        var changed = await BodyAsync(await Client.PutAsync($"{Base}/{slot}", Json("""{"status":"inactive"}""")));
        var stored = await BodyAsync(await Client.GetAsync($"{Base}/{slot}"));

        Assert.Equal(2, changed.GetProperty("bookedCount").GetInt32());
        Assert.Equal(["put-a", "put-c"], changed.GetProperty("bookings").EnumerateArray().Select(b => b.GetProperty("customerId").GetString()));
        Assert.Equal(stored.GetProperty("bookings").ToString(), changed.GetProperty("bookings").ToString());
    }

    [Fact]
    public async Task Status_toggles_between_inactive_and_active()
    {
        var slot = await CreateSlotAsync(NewSpecialist());

        var off = await BodyAsync(await Client.PutAsync($"{Base}/{Id(slot)}", Json("""{"status":"inactive"}""")));
        Assert.Equal("inactive", off.GetProperty("status").GetString());
        var on = await BodyAsync(await Client.PutAsync($"{Base}/{Id(slot)}", Json("""{"status":"active"}""")));
        Assert.Equal("active", on.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Date_and_capacity_cannot_be_changed()
    {
        var slot = await CreateSlotAsync(NewSpecialist());

        var response = await Client.PutAsync($"{Base}/{Id(slot)}", Json($$"""{"date":"{{Day(4)}}","totalCapacity":9}"""));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("cannot be changed", problem.GetProperty("errors").GetProperty("date")[0].GetString());
        Assert.Contains("cannot be changed", problem.GetProperty("errors").GetProperty("totalCapacity")[0].GetString());
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"status":"paused"}""")]
    [InlineData("""{"startTime":"7pm"}""")]
    [InlineData("""{"startTime":"12:00","endTime":"11:00"}""")]
    [InlineData("""{"bookedCount":0}""")]
    public async Task Bad_changes_are_refused(string body)
    {
        var slot = await CreateSlotAsync(NewSpecialist());

        await ProblemAsync(await Client.PutAsync($"{Base}/{Id(slot)}", Json(body)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Changing_a_missing_slot_is_not_found() =>
        await ProblemAsync(await Client.PutAsync($"{Base}/{Guid.NewGuid()}", Json("""{"status":"inactive"}""")), HttpStatusCode.NotFound, "slot_not_found");

    [Fact]
    public async Task Moving_onto_another_slot_is_an_overlap()
    {
        var specialist = NewSpecialist();
        await CreateSlotAsync(specialist, days: 2, start: "10:00", end: "11:00");
        var second = await CreateSlotAsync(specialist, days: 2, start: "12:00", end: "13:00");

        var response = await Client.PutAsync($"{Base}/{Id(second)}", Json("""{"startTime":"10:30"}"""));

        await ProblemAsync(response, HttpStatusCode.Conflict, "slot_overlaps");
        var stored = await BodyAsync(await Client.GetAsync($"{Base}/{Id(second)}"));
        Assert.Equal("12:00", stored.GetProperty("startTime").GetString());
    }

    [Fact]
    public async Task A_slot_that_has_started_cannot_be_moved()
    {
        var slot = await CreateSlotAsync(NewSpecialist(), days: 1, start: "00:30", end: "01:00");
        Factory.Clock.Advance(TimeSpan.FromDays(2));

        await ProblemAsync(await Client.PutAsync($"{Base}/{Id(slot)}", Json("""{"endTime":"02:00"}""")), HttpStatusCode.Conflict, "slot_in_past");
    }

    [Fact]
    public async Task Delete_works_only_while_nobody_holds_a_seat()
    {
        var slot = await CreateSlotAsync(NewSpecialist(), capacity: 2);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, Id(slot), "c1")).StatusCode);

        var refused = await Client.DeleteAsync($"{Base}/{Id(slot)}");
        var problem = await ProblemAsync(refused, HttpStatusCode.Conflict, "slot_has_bookings");
        Assert.Equal("Cannot delete - slot already booked.", problem.GetProperty("detail").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{Id(slot)}/book/c1")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{Id(slot)}")).StatusCode);
        await ProblemAsync(await Client.GetAsync($"{Base}/{Id(slot)}"), HttpStatusCode.NotFound, "slot_not_found");
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE slot_id = $1", Id(slot)));
    }

    [Fact]
    public async Task Deleting_a_missing_slot_is_not_found() =>
        await ProblemAsync(await Client.DeleteAsync($"{Base}/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "slot_not_found");
}
