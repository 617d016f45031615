using System.Net;
using System.Net.Http.Json;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// Many separate HTTP clients (each its own socket) hit one slot at once through real Kestrel; PostgreSQL's
/// row lock is all that stands between them and an oversold slot. Each client signs in as the customer or
/// specialist it acts for. Counts are checked in the database.
/// </summary>
[Collection(ApiCollection.Name)]
public class RaceTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Hundred_clients_on_five_seats_get_exactly_five_bookings()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 5));
        var clients = Enumerable.Range(0, 100).Select(i => Factory.NewClient(Factory.Tokens.Customer($"racer-{i}"))).ToList();

        var responses = await Task.WhenAll(clients.Select((c, i) => BookAsync(c, slot, $"racer-{i}")));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(95, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        await AssertRefusedAsync(responses, "slot_fully_booked");

        await AssertCountsAsync(slot, expected: 5);
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task One_customer_thirty_times_at_once_gets_one_booking()
    {
        // An internal service retrying one customer's booking: admins are not rate limited, so all 30 race.
        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 10));
        var clients = Enumerable.Range(0, 30).Select(_ => Factory.NewClient(Factory.Tokens.Admin())).ToList();

        var responses = await Task.WhenAll(clients.Select(c => BookAsync(c, slot, "the-same-customer")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        await AssertRefusedAsync(responses, "already_booked");

        await AssertCountsAsync(slot, expected: 1);
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Concurrent_cancels_and_bookings_keep_the_count_equal_to_live_bookings()
    {
        const int capacity = 10;
        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: capacity));
        for (var i = 0; i < capacity; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, $"holder-{i}")).StatusCode);
        }

        var clients = Enumerable.Range(0, 40)
            .Select(i => Factory.NewClient(Factory.Tokens.Customer(i < capacity ? $"holder-{i}" : $"newcomer-{i - capacity}")))
            .ToList();
        var cancels = clients.Take(capacity).Select((c, i) => c.DeleteAsync($"{Base}/{slot}/book/holder-{i}"));
        var bookings = clients.Skip(capacity).Select((c, i) => BookAsync(c, slot, $"newcomer-{i}"));
        var all = cancels.Concat(bookings).ToList();
        var responses = await Task.WhenAll(all);

        Assert.All(responses.Take(capacity), r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        var newcomers = responses.Skip(capacity).ToList();
        Assert.All(newcomers, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var booked = newcomers.Count(r => r.StatusCode == HttpStatusCode.Created);
        Assert.InRange(booked, 0, capacity);
        await AssertCountsAsync(slot, expected: booked);
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task A_booking_cancelled_by_customer_and_specialist_at_once_is_cancelled_once()
    {
        // The second cancel waits on the row lock while the first commits; it must then see the booking as
        // cancelled (404), not cancel it again and take a second seat off the count.
        const int holders = 30, raced = 20;
        var specialist = NewSpecialist();
        var slot = Id(await CreateSlotAsync(specialist, capacity: holders));
        for (var i = 0; i < holders; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, $"holder-{i}")).StatusCode);
        }

        var clients = Enumerable.Range(0, raced)
            .SelectMany(i => new[] { Factory.NewClient(Factory.Tokens.Customer($"holder-{i}")), Factory.NewClient(Factory.Tokens.Specialist(specialist)) })
            .ToList();
        var responses = await Task.WhenAll(clients.Select((c, i) => c.DeleteAsync($"{Base}/{slot}/book/holder-{i / 2}")));

        for (var i = 0; i < raced; i++)
        {
            var pair = responses.Skip(2 * i).Take(2).ToList();
            Assert.Single(pair, r => r.StatusCode == HttpStatusCode.NoContent);
            await ProblemAsync(Assert.Single(pair, r => r.StatusCode != HttpStatusCode.NoContent), HttpStatusCode.NotFound, "booking_not_found");
        }

        await AssertCountsAsync(slot, expected: holders - raced);
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Twenty_creates_of_the_same_hour_give_one_slot()
    {
        var specialist = NewSpecialist();
        var clients = Enumerable.Range(0, 20).Select(_ => Factory.NewClient(Factory.Tokens.Specialist(specialist))).ToList();

        var responses = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync(Base, new
        {
            specialistEmail = specialist,
            specialistId = $"sub-{specialist}",
            date = Day(6),
            startTime = "10:00",
            endTime = "11:00",
        })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        await AssertRefusedAsync(responses, "slot_overlaps");

        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM slots WHERE specialist_email = $1", specialist));
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Delete_racing_a_booking_leaves_no_orphan()
    {
        for (var round = 0; round < 10; round++)
        {
            var specialist = NewSpecialist();
            var slot = Id(await CreateSlotAsync(specialist, capacity: 1));
            using var deleter = Factory.NewClient(Factory.Tokens.Specialist(specialist));
            using var booker = Factory.NewClient(Factory.Tokens.Customer($"quick-{round}"));

            var deleting = deleter.DeleteAsync($"{Base}/{slot}");
            var booking = BookAsync(booker, slot, $"quick-{round}");
            await Task.WhenAll(deleting, booking);
            var (delete, book) = (await deleting, await booking);

            var slotsLeft = await Factory.ScalarAsync<long>("SELECT count(*) FROM slots WHERE id = $1", slot);
            if (delete.StatusCode == HttpStatusCode.NoContent)
            {
                await ProblemAsync(book, HttpStatusCode.NotFound, "slot_not_found");
                Assert.Equal(0L, slotsLeft);
            }
            else
            {
                Assert.Equal(HttpStatusCode.Created, book.StatusCode);
                await ProblemAsync(delete, HttpStatusCode.Conflict, "slot_has_bookings");
                await AssertCountsAsync(slot, expected: 1);
            }
        }
    }

    /// <summary>Every response that is not a 201 is a 409 problem with <paramref name="code"/>.</summary>
    private static async Task AssertRefusedAsync(IEnumerable<HttpResponseMessage> responses, string code)
    {
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await ProblemAsync(refused, HttpStatusCode.Conflict, code);
        }
    }

    private async Task AssertCountsAsync(Guid slot, int expected)
    {
        var stored = await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", slot);
        var live = await Factory.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE slot_id = $1 AND cancelled_at IS NULL", slot);
        var capacity = await Factory.ScalarAsync<int>("SELECT total_capacity FROM slots WHERE id = $1", slot);
        Assert.Equal(expected, stored);
        Assert.Equal(expected, live);
        Assert.True(stored <= capacity);
    }
}
