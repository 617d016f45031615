using System.Net;
using System.Net.Http.Json;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// Personal data is kept where it is needed and can be erased: events carry ids (the feed and every subscriber keep them
/// for months), and an admin's erasure leaves a customer's email and name nowhere in the database.
/// </summary>
[Collection(ApiCollection.Name)]
public class PersonalDataTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Events_carry_the_customers_and_the_bookings_ids_never_an_email_or_a_name()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 2));
        var customer = $"pii-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, customer)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.PutAsJsonAsync($"{Base}/{slot}", new { startTime = "09:00" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{slot}/book/{customer}")).StatusCode);

        var events = await Factory.ScalarAsync<string[]>("SELECT array_agg(data::text ORDER BY tx, seq) FROM events WHERE subject = $1", slot);

        Assert.Equal(4, events.Length); // created, booked, changed while booked, cancelled
        Assert.All(events, e =>
        {
            Assert.DoesNotContain($"{customer}@customers.example", e, StringComparison.Ordinal);
            Assert.DoesNotContain($"Customer {customer}", e, StringComparison.Ordinal);
        });
        Assert.Equal(2, events.Count(e => e.Contains($"\"customerId\":\"{customer}\"", StringComparison.Ordinal) && e.Contains("\"bookingId\":", StringComparison.Ordinal)));
    }

    /// <summary>
    /// A customer with a cancelled booking made with an idempotency key (its stored answer holds the address), a live
    /// one, and an event as an older release wrote it: while they hold a seat the erasure is refused and nothing changes;
    /// once they do not, no table holds their email or their name.
    /// </summary>
    [Fact]
    public async Task An_erasure_leaves_the_customers_email_and_name_in_no_table()
    {
        var customer = $"erase-{Guid.NewGuid():N}";
        var (email, name) = ($"{customer}@customers.example", $"Customer {customer}");
        using var me = Factory.NewClient(Factory.Tokens.Customer(customer));
        var specialist = NewSpecialist();
        var first = Id(await CreateSlotAsync(specialist, days: 3, capacity: 2));
        var second = Id(await CreateSlotAsync(specialist, days: 3, start: "12:00", end: "13:00", capacity: 2));
        var keyed = await SendRawAsync(me, HttpMethod.Post, $"{Base}/{first}/book", "{}", ("Idempotency-Key", $"k-{customer}"));
        Assert.Equal(HttpStatusCode.Created, keyed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await me.DeleteAsync($"{Base}/{first}/book/{customer}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await me.PostAsJsonAsync($"{Base}/{second}/book", new { })).StatusCode);
        await Factory.ExecuteAsync(
            """
            INSERT INTO events (id, type, subject, time, data)
            VALUES (gen_random_uuid(), 'slots.booking.created', $1, now(),
                    json_build_object('booking', json_build_object('customerId', $2::text, 'customerEmail', $3::text, 'customerName', $4::text)))
            """,
            second, customer, email, name);

        await ProblemAsync(await Client.DeleteAsync($"/api/customers/{customer}/personal-data"), HttpStatusCode.Conflict, "customer_has_live_bookings");
        // The notifications of the two bookings (and the cancellation) keep a copy of the booking, address included.
        await UntilAsync(async () => await Factory.ScalarAsync<long>(
            "SELECT count(*) FROM notifications WHERE customer_id = $1 AND recipient = 'customer' AND kind <> 'reminder'", customer) == 3);
        Assert.Equal(["bookings", "events", "idempotency_keys", "notifications"], await TablesHoldingAsync(email));
        await ProblemAsync(await me.DeleteAsync($"/api/customers/{customer}/personal-data"), HttpStatusCode.Forbidden, "role_not_allowed");

        Assert.Equal(HttpStatusCode.NoContent, (await me.DeleteAsync($"{Base}/{second}/book/{customer}")).StatusCode);
        var erased = await Client.DeleteAsync($"/api/customers/{customer}/personal-data");

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var counts = await BodyAsync(erased);
        Assert.Equal((2, 1, 1), (counts.GetProperty("bookingsErased").GetInt32(), counts.GetProperty("eventsRewritten").GetInt32(), counts.GetProperty("answersDeleted").GetInt32()));
        Assert.Empty(await TablesHoldingAsync(email));
        Assert.Empty(await TablesHoldingAsync(name));
        // The bookings stay on record, with the customer's id: the specialist's history keeps its counts.
        Assert.Equal(2L, await Factory.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE customer_id = $1 AND customer_email = 'erased@erased.invalid'", customer));
    }


    /// <summary>The tables of the schema that hold <paramref name="text"/> anywhere in a row, by name.</summary>
    private async Task<List<string>> TablesHoldingAsync(string text)
    {
        var tables = await Factory.ScalarAsync<string[]>(
            "SELECT array_agg(table_name::text ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
        var holding = new List<string>();
        foreach (var table in tables)
        {
            if (await Factory.ScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM \"{table}\" t WHERE strpos(t::text, $1) > 0)", text))
            {
                holding.Add(table);
            }
        }

        return holding;
    }
}
