using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Infrastructure.Persistence;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// Seat holds on PostgreSQL: a live hold takes a seat in the same locked check as bookings (the customers' view, the seat
/// counts and every booking see it), its holder books with it whatever else happens, and a hold past its time keeps
/// nothing, before the sweep ends it and gives its seat to the waitlist.
/// </summary>
[Collection(ApiCollection.Name)]
public class HoldTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    private static string Holds(Guid slot) => $"{Base}/{slot}/holds";

    private static Task<HttpResponseMessage> BookWithAsync(HttpClient client, Guid slot, string customer, Guid holdId) =>
        client.PostAsJsonAsync($"{Base}/{slot}/book", new
        {
            customerId = customer,
            customerEmail = $"{customer}@customers.example",
            customerName = $"Customer {customer}",
            holdId,
        });

    private async Task<(string Specialist, Guid Slot)> SlotAsync(int capacity)
    {
        var specialist = NewSpecialist();
        return (specialist, Id(await CreateSlotAsync(specialist, days: 3, capacity: capacity)));
    }

    private async Task<JsonElement> SlotBodyAsync(Guid slot) => await BodyAsync(await Client.GetAsync($"{Base}/{slot}"));

    /// <summary>The slot's row in the customers' view, or null when the view does not list it.</summary>
    private async Task<JsonElement?> ListedAsync(string specialist, Guid slot)
    {
        using var anonymous = Factory.NewClient(null);
        foreach (var row in (await BodyAsync(await anonymous.GetAsync(Available(specialist)))).EnumerateArray())
        {
            if (row.GetProperty("id").GetGuid() == slot)
            {
                return row;
            }
        }

        return null;
    }

    private Task<string> HoldStatusAsync(Guid hold) => Factory.ScalarAsync<string>("SELECT status FROM seat_holds WHERE id = $1", hold);

    [Fact]
    public async Task A_hold_takes_a_seat_everywhere_and_its_holder_books_with_it()
    {
        var (specialist, slot) = await SlotAsync(capacity: 2);
        using var customer = Factory.NewClient(Factory.Tokens.Customer("h-holder"));

        var placed = await customer.PostAsJsonAsync(Holds(slot), new { timezone = "Asia/Tokyo" });

        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var hold = await BodyAsync(placed);
        var holdId = hold.GetProperty("holdId").GetGuid();
        Assert.Equal($"{Base}/{slot}/holds/{holdId}", placed.Headers.Location?.OriginalString);
        Assert.Equal(("live", 1, "h-holder"), (hold.GetProperty("status").GetString(), hold.GetProperty("seatsLeft").GetInt32(),
            hold.GetProperty("customerId").GetString()));
        Assert.Equal(Factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(5), hold.GetProperty("expiresAt").GetDateTime(), TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await ListedAsync(specialist, slot))?.GetProperty("remainingCapacity").GetInt32());
        Assert.Equal((0, 1), ((await SlotBodyAsync(slot)).GetProperty("bookedCount").GetInt32(), (await SlotBodyAsync(slot)).GetProperty("heldCount").GetInt32()));

        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, "h-other")).StatusCode);
        Assert.Null(await ListedAsync(specialist, slot)); // one booked, one held: nothing left to show
        await ProblemAsync(await BookAsync(Client, slot, "h-third"), HttpStatusCode.Conflict, "slot_fully_booked");
        await ProblemAsync(await HoldAsync(Client, slot, "h-third"), HttpStatusCode.Conflict, "slot_fully_booked");

        var booked = await customer.PostAsJsonAsync($"{Base}/{slot}/book", new { holdId });

        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal("booked", await HoldStatusAsync(holdId));
        var created = JsonDocument.Parse(await Factory.ScalarAsync<string>(
            "SELECT data::text FROM events WHERE subject = $1 AND type = 'slots.booking.created' ORDER BY tx DESC, seq DESC LIMIT 1", slot)).RootElement;
        Assert.Equal(holdId, created.GetProperty("holdId").GetGuid());
        Assert.Equal((2, 0), (created.GetProperty("slot").GetProperty("bookedCount").GetInt32(), created.GetProperty("slot").GetProperty("heldCount").GetInt32()));
        Assert.Equal(["slots.hold.created"], await Factory.ScalarAsync<string[]>(
            "SELECT array_agg(type ORDER BY tx, seq) FROM events WHERE subject = $1 AND type LIKE 'slots.hold.%'", slot));
        await ProblemAsync(await customer.PostAsJsonAsync($"{Base}/{slot}/book", new { holdId }), HttpStatusCode.Conflict, "already_booked");
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task A_hold_past_its_time_keeps_nothing_then_the_sweep_ends_it_and_seats_the_line()
    {
        var (specialist, slot) = await SlotAsync(capacity: 1);
        using var theSpecialist = Factory.NewClient(Factory.Tokens.Specialist(specialist));
        Assert.Equal(HttpStatusCode.OK, (await theSpecialist.PutAsJsonAsync($"/api/specialists/{specialist}/policy", new { waitlist = true })).StatusCode);
        var holdId = (await BodyAsync(await HoldAsync(Client, slot, "lapse-holder", minutes: 1))).GetProperty("holdId").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await Client.PostAsJsonAsync($"{Base}/{slot}/waitlist", new
        {
            customerId = "lapse-waiter", customerEmail = "lapse-waiter@customers.example", customerName = "Waiter",
        })).StatusCode);

        Factory.Clock.Advance(TimeSpan.FromSeconds(61));

        // Free in the view at once, whatever the sweep has done: the seat was the line's from the hold's expiry on.
        await ProblemAsync(await BookWithAsync(Client, slot, "lapse-holder", holdId), HttpStatusCode.Gone, "hold_expired");
        await Factory.Services.GetRequiredService<HoldSweeper>().SweepAsync(default);
        Assert.Equal("expired", await HoldStatusAsync(holdId));
        var seated = Assert.Single((await SlotBodyAsync(slot)).GetProperty("bookings").EnumerateArray());
        Assert.Equal("lapse-waiter", seated.GetProperty("customerId").GetString());
        Assert.Equal(["slots.hold.created", "slots.hold.expired"], await Factory.ScalarAsync<string[]>(
            "SELECT array_agg(type ORDER BY tx, seq) FROM events WHERE subject = $1 AND type LIKE 'slots.hold.%'", slot));
        Assert.Equal(0, (await SlotBodyAsync(slot)).GetProperty("heldCount").GetInt32());
        await ProblemAsync(await BookWithAsync(Client, slot, "lapse-holder", holdId), HttpStatusCode.Gone, "hold_expired");
        Assert.Null(await ListedAsync(specialist, slot));
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task A_seat_whose_hold_ran_out_is_bookable_before_any_sweep()
    {
        var (specialist, slot) = await SlotAsync(capacity: 1);
        var holdId = (await BodyAsync(await HoldAsync(Client, slot, "run-out", minutes: 1))).GetProperty("holdId").GetGuid();
        Assert.Null(await ListedAsync(specialist, slot));
        // Straight in the table, the clock left alone (no sweep runs): a hold already past its time that nothing has ended.
        await Factory.ExecuteAsync(
            "UPDATE seat_holds SET created_at = created_at - interval '10 minutes', expires_at = created_at - interval '5 minutes' WHERE id = $1", holdId);

        Assert.Equal(1, (await ListedAsync(specialist, slot))?.GetProperty("remainingCapacity").GetInt32());
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, "run-out-next")).StatusCode);
        Assert.Equal("expired", await HoldStatusAsync(holdId)); // the booking ended it on its way
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task Released_hold_frees_its_seat_for_the_line_and_only_its_holder_may_release_it()
    {
        var (specialist, slot) = await SlotAsync(capacity: 1);
        using var holder = Factory.NewClient(Factory.Tokens.Customer("rel-holder"));
        using var stranger = Factory.NewClient(Factory.Tokens.Customer("rel-stranger"));
        using var theSpecialist = Factory.NewClient(Factory.Tokens.Specialist(specialist));
        Assert.Equal(HttpStatusCode.OK, (await theSpecialist.PutAsJsonAsync($"/api/specialists/{specialist}/policy", new { waitlist = true })).StatusCode);
        var holdId = (await BodyAsync(await holder.PostAsJsonAsync(Holds(slot), new { }))).GetProperty("holdId").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await stranger.PostAsJsonAsync($"{Base}/{slot}/waitlist", new { })).StatusCode);

        await ProblemAsync(await stranger.DeleteAsync($"{Holds(slot)}/{holdId}"), HttpStatusCode.Forbidden, "not_yourself");
        await ProblemAsync(await holder.DeleteAsync($"{Holds(slot)}/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "hold_not_found");
        Assert.Equal(HttpStatusCode.NoContent, (await holder.DeleteAsync($"{Holds(slot)}/{holdId}")).StatusCode);

        Assert.Equal("released", await HoldStatusAsync(holdId));
        Assert.Equal("rel-stranger", Assert.Single((await SlotBodyAsync(slot)).GetProperty("bookings").EnumerateArray()).GetProperty("customerId").GetString());
        await ProblemAsync(await holder.DeleteAsync($"{Holds(slot)}/{holdId}"), HttpStatusCode.Gone, "hold_released");
        await ProblemAsync(await holder.PostAsJsonAsync($"{Base}/{slot}/book", new { holdId }), HttpStatusCode.Gone, "hold_released");
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task A_customer_holds_one_seat_per_slot_and_three_in_all()
    {
        var slots = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            slots.Add((await SlotAsync(capacity: 2)).Slot);
        }

        using var customer = Factory.NewClient(Factory.Tokens.Customer("h-greedy"));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await customer.PostAsJsonAsync(Holds(slots[i]), new { })).StatusCode);
        }

        await ProblemAsync(await customer.PostAsJsonAsync(Holds(slots[0]), new { }), HttpStatusCode.Conflict, "already_holding");
        await ProblemAsync(await customer.PostAsJsonAsync(Holds(slots[3]), new { }), HttpStatusCode.Conflict, "hold_limit_reached");
        Assert.Equal(HttpStatusCode.Created, (await customer.PostAsJsonAsync($"{Base}/{slots[0]}/book", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await customer.PostAsJsonAsync(Holds(slots[3]), new { })).StatusCode);
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task A_retried_hold_with_its_key_answers_the_first_hold_again()
    {
        var (_, slot) = await SlotAsync(capacity: 3);
        using var customer = Factory.NewClient(Factory.Tokens.Customer("h-retry"));
        var key = Guid.NewGuid().ToString();

        var first = await SendRawAsync(customer, HttpMethod.Post, Holds(slot), "{}", ("Idempotency-Key", key));
        var again = await SendRawAsync(customer, HttpMethod.Post, Holds(slot), "{}", ("Idempotency-Key", key));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, again.StatusCode));
        Assert.Equal((await BodyAsync(first)).GetProperty("holdId").GetGuid(), (await BodyAsync(again)).GetProperty("holdId").GetGuid());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, (await SlotBodyAsync(slot)).GetProperty("heldCount").GetInt32());
    }

    [Theory]
    [InlineData("""{"minutes": 0}""", "minutes")]
    [InlineData("""{"minutes": 16}""", "minutes")]
    [InlineData("""{"minutes": -1}""", "minutes")]
    [InlineData("""{"minutes": 2147483647}""", "minutes")]
    [InlineData("""{"minutes": 2147483648}""", null)]
    [InlineData("""{"minutes": "five"}""", null)]
    [InlineData("""{"minutes": 1.5}""", null)]
    [InlineData("""{"customerId": "someone-else"}""", null)]
    public async Task A_hold_with_bad_input_is_refused_and_nothing_is_held(string body, string? field)
    {
        var (_, slot) = await SlotAsync(capacity: 1);
        using var customer = Factory.NewClient(Factory.Tokens.Customer("h-bad"));

        var response = await customer.PostAsync(Holds(slot), Json(body));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, $"{response.StatusCode}");
        var problem = await BodyAsync(response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }

        Assert.Equal(0, (await SlotBodyAsync(slot)).GetProperty("heldCount").GetInt32());
    }

    [Theory]
    [InlineData("""{"holdId": "not-a-uuid"}""")]
    [InlineData("""{"holdId": 42}""")]
    public async Task A_booking_naming_a_malformed_hold_is_refused(string body)
    {
        var (_, slot) = await SlotAsync(capacity: 1);
        using var customer = Factory.NewClient(Factory.Tokens.Customer("h-malformed"));

        await ProblemAsync(await customer.PostAsync($"{Base}/{slot}/book", Json(body)), HttpStatusCode.BadRequest);
        Assert.Equal(0, (await SlotBodyAsync(slot)).GetProperty("bookedCount").GetInt32());
    }

    [Fact]
    public async Task Ten_holders_and_ten_bookers_racing_for_three_seats_never_take_more_and_every_holder_books()
    {
        var (_, slot) = await SlotAsync(capacity: 3);
        using var start = new ManualResetEventSlim();
        var holds = Enumerable.Range(0, 10)
            .Select(i => Task.Run(() => { start.Wait(); return HoldAsync(Client, slot, $"racer-h{i}-{slot:N}"); }))
            .ToList();
        var bookings = Enumerable.Range(0, 10)
            .Select(i => Task.Run(() => { start.Wait(); return BookAsync(Client, slot, $"racer-b{i}-{slot:N}"); }))
            .ToList();
        start.Set();
        var held = await Task.WhenAll(holds);
        var booked = await Task.WhenAll(bookings);

        Assert.All(held.Concat(booked), r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{r.StatusCode}"));
        var winners = held.Count(r => r.StatusCode == HttpStatusCode.Created) + booked.Count(r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(3, winners);
        await AssertInvariantAsync();
        for (var i = 0; i < held.Length; i++)
        {
            if (held[i].StatusCode == HttpStatusCode.Created)
            {
                var holdId = (await BodyAsync(held[i])).GetProperty("holdId").GetGuid();
                Assert.Equal(HttpStatusCode.Created, (await BookWithAsync(Client, slot, $"racer-h{i}-{slot:N}", holdId)).StatusCode);
            }
        }

        var slotNow = await SlotBodyAsync(slot);
        Assert.Equal((3, 0), (slotNow.GetProperty("bookedCount").GetInt32(), slotNow.GetProperty("heldCount").GetInt32()));
        await AssertInvariantAsync();
    }
}
