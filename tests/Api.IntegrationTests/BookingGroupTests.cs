using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Application.Slots.BookSlot;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// Bookings of one slot that wait together are made in one transaction (<see cref="BookingGroups"/>), each answered for its
/// own. A test makes a group for certain: its own connection holds the slot's row lock, two bookings take the slot's two
/// places in flight and wait on it, and the bookings sent next gather in the forming group until the lock is let go. A
/// group's bookings are rows of one transaction: one <c>xmin</c>.
/// </summary>
[Collection(ApiCollection.Name)]
public class BookingGroupTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    private BookingGroups Groups => Factory.Services.GetRequiredService<BookingGroups>();

    [Fact]
    public async Task Bookings_waiting_together_are_made_in_one_transaction_each_answered_for_its_own()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 20));
        var customers = Enumerable.Range(0, 6).Select(i => $"grp-{Guid.NewGuid():N}-{i}").ToList();

        var (first, group) = await GroupAsync(slot, customers.Select(c => Booking(Factory.NewClient(Factory.Tokens.Customer(c)), slot, c)));

        Assert.All(first, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var bodies = new List<JsonElement>();
        foreach (var (response, customer) in group.Zip(customers))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var body = await BodyAsync(response);
            Assert.Equal(customer, body.GetProperty("customerId").GetString());
            Assert.Equal(slot, body.GetProperty("slotId").GetGuid());
            Assert.Equal(
                await Factory.ScalarAsync<Guid>("SELECT id FROM bookings WHERE slot_id = $1 AND customer_id = $2", slot, customer),
                body.GetProperty("bookingId").GetGuid());
            bodies.Add(body);
        }

        Assert.Equal(6, bodies.Select(b => b.GetProperty("bookingId").GetGuid()).Distinct().Count());
        Assert.Equal(1L, await TransactionsAsync(slot, customers));
        Assert.Equal(8, await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", slot));
        // One event per booking, each naming its own customer, as if each had been alone.
        Assert.Equal(6L, await Factory.ScalarAsync<long>(
            "SELECT count(DISTINCT data->'booking'->>'customerId') FROM events WHERE subject = $1 AND type = 'slots.booking.created' AND data->'booking'->>'customerId' = ANY($2)",
            slot, customers.ToArray()));
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task A_group_larger_than_the_seats_left_books_the_first_arrivals_and_refuses_the_rest()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 5));
        var customers = Enumerable.Range(0, 6).Select(i => $"grp-{Guid.NewGuid():N}-{i}").ToList();

        var (_, group) = await GroupAsync(slot, customers.Select(c => Booking(Client, slot, c)));

        Assert.All(group.Take(3), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        foreach (var refused in group.Skip(3))
        {
            await ProblemAsync(refused, HttpStatusCode.Conflict, "slot_fully_booked");
        }

        Assert.Equal(1L, await TransactionsAsync(slot, customers));
        Assert.Equal(5, await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", slot));
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task A_customer_twice_in_one_group_gets_one_booking_and_the_others_theirs()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 10));
        var twice = $"grp-{Guid.NewGuid():N}-twice";
        var other = $"grp-{Guid.NewGuid():N}-other";

        var (_, group) = await GroupAsync(slot, [Booking(Client, slot, twice), Booking(Client, slot, other), Booking(Client, slot, twice)]);

        Assert.Equal(HttpStatusCode.Created, group[0].StatusCode);
        Assert.Equal(HttpStatusCode.Created, group[1].StatusCode);
        await ProblemAsync(group[2], HttpStatusCode.Conflict, "already_booked");
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE slot_id = $1 AND customer_id = $2", slot, twice));
        Assert.Equal(4, await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", slot));
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task A_customer_at_a_limit_is_refused_alone_and_each_customer_is_counted_for_their_own()
    {
        var specialist = NewSpecialist();
        var full = $"grp-{Guid.NewGuid():N}-full";
        var almost = $"grp-{Guid.NewGuid():N}-almost";
        var limit = BookingLimits.Default.PerCustomerWithSpecialist;
        for (var day = 1; day <= limit; day++)
        {
            var earlier = Id(await CreateSlotAsync(specialist, days: day + 1, capacity: 2));
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, earlier, full)).StatusCode);
            if (day < limit)
            {
                Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, earlier, almost)).StatusCode);
            }
        }

        var slot = Id(await CreateSlotAsync(specialist, days: limit + 2, capacity: 10));
        var fresh = $"grp-{Guid.NewGuid():N}-fresh";

        var (_, group) = await GroupAsync(slot, [Booking(Client, slot, almost), Booking(Client, slot, full), Booking(Client, slot, fresh)]);

        Assert.Equal(HttpStatusCode.Created, group[0].StatusCode);
        await ProblemAsync(group[1], HttpStatusCode.Conflict, "booking_limit_reached");
        Assert.Equal(HttpStatusCode.Created, group[2].StatusCode);
        Assert.Equal(1L, await TransactionsAsync(slot, [almost, fresh]));
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task Keys_in_a_group_replay_kept_answers_and_a_key_sent_twice_books_once()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 10));
        var (kept, twice, fresh) = ($"grp-{Guid.NewGuid():N}-kept", $"grp-{Guid.NewGuid():N}-twice", $"grp-{Guid.NewGuid():N}-fresh");
        var before = await Booking(Client, slot, kept, "key-kept")();
        Assert.Equal(HttpStatusCode.Created, before.StatusCode);

        var (_, group) = await GroupAsync(slot,
            [Booking(Client, slot, kept, "key-kept"), Booking(Client, slot, twice, "key-twice"), Booking(Client, slot, fresh, "key-fresh"), Booking(Client, slot, twice, "key-twice")]);

        Assert.All(group, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal((await BodyAsync(before)).GetProperty("bookingId").GetGuid(), (await BodyAsync(group[0])).GetProperty("bookingId").GetGuid());
        Assert.Equal("true", HeaderOf(group[0], "Idempotent-Replayed"));
        Assert.Equal((await BodyAsync(group[1])).GetProperty("bookingId").GetGuid(), (await BodyAsync(group[3])).GetProperty("bookingId").GetGuid());
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE slot_id = $1 AND customer_id = $2", slot, twice));
        // The group's own bookings, and the answers it kept for their keys, are one transaction's.
        Assert.Equal(1L, await TransactionsAsync(slot, [twice, fresh]));
        var again = await Booking(Client, slot, fresh, "key-fresh")();
        Assert.Equal((await BodyAsync(group[2])).GetProperty("bookingId").GetGuid(), (await BodyAsync(again)).GetProperty("bookingId").GetGuid());
        Assert.Equal(5, await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", slot));
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task A_constraint_the_database_enforces_fails_the_group_and_each_booking_is_made_alone()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 10));
        var tripwire = $"grp-{Guid.NewGuid():N}-trip";
        var others = Enumerable.Range(0, 3).Select(i => $"grp-{Guid.NewGuid():N}-{i}").ToList();
        var function = $"trip_{Guid.NewGuid():N}";
        // A constraint the aggregate cannot see coming: one customer's row is refused by the database itself.
        await Factory.ExecuteAsync($"""
            CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'tripwire' USING ERRCODE = 'unique_violation', CONSTRAINT = 'ux_bookings_live_customer';
            END $$;
            CREATE TRIGGER {function} BEFORE INSERT ON bookings FOR EACH ROW WHEN (NEW.customer_id = '{tripwire}') EXECUTE FUNCTION {function}();
            """);
        try
        {
            var (_, group) = await GroupAsync(slot, [Booking(Client, slot, others[0]), Booking(Client, slot, tripwire), Booking(Client, slot, others[1]), Booking(Client, slot, others[2])]);

            await ProblemAsync(group[1], HttpStatusCode.Conflict, "already_booked");
            Assert.All(group.Where((_, i) => i != 1), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            Assert.Equal(3L, await TransactionsAsync(slot, others));
            Assert.Equal(5, await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", slot));
        }
        finally
        {
            await Factory.ExecuteAsync($"DROP TRIGGER {function} ON bookings; DROP FUNCTION {function}();");
        }

        await AssertInvariantAsync();
    }

    /// <summary>A booking not yet sent: the customer named as <see cref="ApiTestBase.BookAsync"/> names them, with a key when given.</summary>
    private static Func<Task<HttpResponseMessage>> Booking(HttpClient client, Guid slot, string customerId, string? key = null) =>
        () => BookAsync(client, slot, customerId, key);

    /// <summary>
    /// The bookings made as one group on <paramref name="slot"/>, sent in order: the slot's row lock held on a connection of
    /// the test's, two bookings of strangers sent to wait on it (the slot's places in flight), then each of
    /// <paramref name="bookings"/> sent once the one before has joined the forming group; then the lock let go. The
    /// strangers' answers, and the group's in the order sent.
    /// </summary>
    private async Task<(HttpResponseMessage[] First, HttpResponseMessage[] Group)> GroupAsync(
        Guid slot, IEnumerable<Func<Task<HttpResponseMessage>>> bookings)
    {
        await using var holder = await Factory.HoldRowLockAsync(slot);
        var first = new List<Task<HttpResponseMessage>>();
        for (var i = 0; i < 2; i++)
        {
            first.Add(Booking(Client, slot, $"grp-stranger-{Guid.NewGuid():N}")());
            var waiting = i + 1;
            await UntilAsync(async () => await Factory.LockWaitersAsync(holder) == waiting, $"booking {waiting} never waited on the row lock");
        }

        var group = new List<Task<HttpResponseMessage>>();
        foreach (var booking in bookings)
        {
            group.Add(booking());
            var joined = group.Count;
            await UntilAsync(() => Task.FromResult(Groups.Forming(slot) == joined), $"booking {joined} never joined the group");
        }

        await holder.DisposeAsync();
        return (await Task.WhenAll(first), await Task.WhenAll(group));
    }

    /// <summary>How many transactions wrote these customers' bookings of the slot.</summary>
    private Task<long> TransactionsAsync(Guid slot, IReadOnlyList<string> customers) => Factory.ScalarAsync<long>(
        "SELECT count(DISTINCT xmin::text) FROM bookings WHERE slot_id = $1 AND customer_id = ANY($2)", slot, customers.ToArray());
}
