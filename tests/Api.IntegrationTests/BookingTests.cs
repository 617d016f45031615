using System.Net;
using System.Net.Http.Json;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

[Collection(ApiCollection.Name)]
public class BookingTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Booking_confirms_and_counts_the_seat()
    {
        var slot = await CreateSlotAsync(NewSpecialist(), capacity: 2);

        var response = await Client.PostAsJsonAsync($"{Base}/{Id(slot)}/book", new
        {
            customerId = "cust-1",
            customerEmail = "Cust.One@Example.com",
            customerName = "Cust One",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var confirmation = await BodyAsync(response);
        Assert.Equal(Id(slot), confirmation.GetProperty("slotId").GetGuid());
        Assert.Equal("cust-1", confirmation.GetProperty("customerId").GetString());
        Assert.Equal("cust.one@example.com", confirmation.GetProperty("customerEmail").GetString());
        Assert.Equal(slot.GetProperty("startsAt").GetString(), confirmation.GetProperty("startsAt").GetString());
        Assert.Equal(slot.GetProperty("endsAt").GetString(), confirmation.GetProperty("endsAt").GetString());
        Assert.True(confirmation.TryGetProperty("bookedAt", out _));

        var stored = await BodyAsync(await Client.GetAsync($"{Base}/{Id(slot)}"));
        Assert.Equal(1, stored.GetProperty("bookedCount").GetInt32());
        Assert.Equal("cust-1", stored.GetProperty("bookings")[0].GetProperty("customerId").GetString());
    }

    [Fact]
    public async Task The_last_seat_fills_the_slot_and_the_next_customer_is_told_so()
    {
        var slot = await CreateSlotAsync(NewSpecialist(), capacity: 1);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, Id(slot), "c1")).StatusCode);

        await ProblemAsync(await BookAsync(Client, Id(slot), "c2"), HttpStatusCode.Conflict, "slot_fully_booked");
        var stored = await BodyAsync(await Client.GetAsync($"{Base}/{Id(slot)}"));
        Assert.True(stored.GetProperty("isFullyBooked").GetBoolean());
    }

    /// <summary>
    /// A customer whose subject holds a slash (as some providers' do) books, and cancels through <c>/book/me</c>: the
    /// subject never goes in the path, which could not carry it.
    /// </summary>
    [Fact]
    public async Task A_customer_whose_subject_holds_a_slash_cancels_their_own_booking_as_me()
    {
        var subject = $"idp|tenant/{Guid.NewGuid():N}";
        using var customer = Factory.NewClient(Factory.Tokens.Create("customer", subject, "slashed@customers.example", "Slashed"));
        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 2));
        Assert.Equal(HttpStatusCode.Created, (await customer.PostAsJsonAsync($"{Base}/{slot}/book", new { })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await customer.DeleteAsync($"{Base}/{slot}/book/me")).StatusCode);

        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE customer_id = $1 AND cancelled_at IS NULL", subject));
        await ProblemAsync(await customer.DeleteAsync($"{Base}/{slot}/book/me"), HttpStatusCode.NotFound, "booking_not_found");
        await ProblemAsync(await Factory.NewClient(null).DeleteAsync($"{Base}/{slot}/book/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Booking_twice_is_already_booked()
    {
        var slot = await CreateSlotAsync(NewSpecialist(), capacity: 3);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, Id(slot), "c1")).StatusCode);

        await ProblemAsync(await BookAsync(Client, Id(slot), "c1"), HttpStatusCode.Conflict, "already_booked");
    }

    [Fact]
    public async Task An_inactive_slot_cannot_be_booked()
    {
        var slot = await CreateSlotAsync(NewSpecialist());
        await Client.PutAsync($"{Base}/{Id(slot)}", Json("""{"status":"inactive"}"""));

        await ProblemAsync(await BookAsync(Client, Id(slot), "c1"), HttpStatusCode.Conflict, "slot_inactive");
    }

    [Fact]
    public async Task A_slot_that_has_started_cannot_be_booked_or_cancelled()
    {
        var slot = await CreateSlotAsync(NewSpecialist(), days: 1, start: "00:15", end: "00:45", capacity: 2);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, Id(slot), "c1")).StatusCode);
        Factory.Clock.Advance(TimeSpan.FromDays(2));

        await ProblemAsync(await BookAsync(Client, Id(slot), "c2"), HttpStatusCode.Conflict, "slot_in_past");
        await ProblemAsync(await Client.DeleteAsync($"{Base}/{Id(slot)}/book/c1"), HttpStatusCode.Conflict, "slot_in_past");
    }

    [Fact]
    public async Task Booking_a_missing_slot_is_not_found() =>
        await ProblemAsync(await BookAsync(Client, Guid.NewGuid(), "c1"), HttpStatusCode.NotFound, "slot_not_found");

    [Theory]
    [InlineData("""{"customerId":"","customerEmail":"x@y.io","customerName":"X"}""", "customerId")]
    [InlineData("""{"customerId":"c1","customerEmail":"nope","customerName":"X"}""", "customerEmail")]
    [InlineData("""{"customerId":"c1","customerEmail":"x@y.io"}""", "customerName")]
    [InlineData("""{"customerId":"c1","customerEmail":"x@y.io","customerName":"X","bookedAt":"2020-01-01T00:00:00Z"}""", "bookedAt")]
    public async Task Bad_booking_bodies_are_refused(string body, string field)
    {
        var slot = await CreateSlotAsync(NewSpecialist());

        var problem = await ProblemAsync(await Client.PostAsync($"{Base}/{Id(slot)}/book", Json(body)), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE slot_id = $1", Id(slot)));
    }

    [Fact]
    public async Task Cancelling_frees_the_seat_keeps_the_record_and_allows_a_new_booking()
    {
        var slot = await CreateSlotAsync(NewSpecialist(), capacity: 1);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, Id(slot), "c1")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{Id(slot)}/book/c1")).StatusCode);

        var stored = await BodyAsync(await Client.GetAsync($"{Base}/{Id(slot)}"));
        Assert.Equal(0, stored.GetProperty("bookedCount").GetInt32());
        Assert.Equal(0, stored.GetProperty("bookings").GetArrayLength());
        Assert.True(await Factory.ScalarAsync<bool>(
            "SELECT cancelled_at IS NOT NULL FROM bookings WHERE slot_id = $1 AND customer_id = 'c1'", Id(slot)));
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, Id(slot), "c2")).StatusCode);
    }

    [Fact]
    public async Task Cancelling_without_a_live_booking_is_not_found()
    {
        var slot = await CreateSlotAsync(NewSpecialist());

        await ProblemAsync(await Client.DeleteAsync($"{Base}/{Id(slot)}/book/nobody"), HttpStatusCode.NotFound, "booking_not_found");
        await ProblemAsync(await Client.DeleteAsync($"{Base}/{Guid.NewGuid()}/book/nobody"), HttpStatusCode.NotFound, "slot_not_found");
    }
}
