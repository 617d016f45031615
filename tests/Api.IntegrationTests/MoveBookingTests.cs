using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// <c>POST …/book/{customerId}/move</c>: a booking moves to another slot of its specialist in one transaction, keeping
/// its id and its invite, or nothing changes; under races, never a seat beyond capacity and never a lost booking.
/// </summary>
[Collection(ApiCollection.Name)]
public class MoveBookingTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    private static string Move(Guid slot, string customer) => $"{Base}/{slot}/book/{customer}/move";

    [Fact]
    public async Task A_customer_moves_their_booking_in_place_and_the_seat_counts_the_event_and_the_invite_follow()
    {
        var specialist = NewSpecialist();
        var (from, to) = (Id(await CreateSlotAsync(specialist, days: 2)), Id(await CreateSlotAsync(specialist, days: 3, capacity: 2)));
        var customer = $"mover-{Guid.NewGuid():N}";
        using var me = Factory.NewClient(Factory.Tokens.Customer(customer));
        var booked = await BodyAsync(await BookAsync(Client, from, customer));

        var response = await me.PostAsJsonAsync($"{Base}/{from}/book/me/move", new { toSlotId = to, reason = "  A clash at work  " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var moved = await BodyAsync(response);
        Assert.Equal(booked.GetProperty("bookingId").GetGuid(), moved.GetProperty("bookingId").GetGuid());
        Assert.Equal(to, moved.GetProperty("slotId").GetGuid());
        Assert.Equal(Day(3), moved.GetProperty("date").GetString());
        Assert.Equal([from], moved.GetProperty("movedFrom").EnumerateArray().Select(e => e.GetGuid()));
        var (left, joined) = (await BodyAsync(await Client.GetAsync($"{Base}/{from}")), await BodyAsync(await Client.GetAsync($"{Base}/{to}")));
        Assert.Equal(0, left.GetProperty("bookedCount").GetInt32());
        Assert.Equal(1, joined.GetProperty("bookedCount").GetInt32());
        var seat = Assert.Single(joined.GetProperty("bookings").EnumerateArray());
        Assert.Equal(booked.GetProperty("bookingId").GetGuid(), seat.GetProperty("id").GetGuid());
        Assert.Equal([from], seat.GetProperty("movedFrom").EnumerateArray().Select(e => e.GetGuid()));
        // One event, on the slot it joined, with both slots' seats, who moved it and why.
        var data = JsonDocument.Parse(await Factory.ScalarAsync<string>(
            "SELECT data::text FROM events WHERE subject = $1 AND type = 'slots.booking.moved'", to)).RootElement;
        Assert.Equal(1, data.GetProperty("slot").GetProperty("bookedCount").GetInt32());
        Assert.Equal(from, data.GetProperty("move").GetProperty("from").GetProperty("id").GetGuid());
        Assert.Equal(0, data.GetProperty("move").GetProperty("from").GetProperty("bookedCount").GetInt32());
        Assert.Equal("customer", data.GetProperty("move").GetProperty("by").GetString());
        Assert.Equal("A clash at work", data.GetProperty("move").GetProperty("reason").GetString());
        // The booking's calendar file: the same event (UID), revised (SEQUENCE 1), at the new time.
        var invite = await (await me.GetAsync($"/api/me/bookings/{to}/calendar")).Content.ReadAsStringAsync();
        Assert.Contains($"UID:booking-{booked.GetProperty("bookingId").GetGuid()}@", invite, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^SEQUENCE:1\r?$", invite);
        await ProblemAsync(await me.GetAsync($"/api/me/bookings/{from}/calendar"), HttpStatusCode.NotFound, "booking_not_found");
        await AssertInvariantAsync();
    }

    [Theory]
    [InlineData("full", HttpStatusCode.Conflict, "slot_fully_booked")]
    [InlineData("inactive", HttpStatusCode.Conflict, "slot_inactive")]
    [InlineData("same", HttpStatusCode.Conflict, "already_booked")]
    [InlineData("other-specialist", HttpStatusCode.Conflict, "move_to_other_specialist")]
    [InlineData("missing", HttpStatusCode.NotFound, "slot_not_found")]
    public async Task A_target_that_refuses_changes_nothing_and_the_customer_keeps_their_seat(string target, HttpStatusCode status, string code)
    {
        var specialist = NewSpecialist();
        var from = Id(await CreateSlotAsync(specialist, days: 2));
        var to = target switch
        {
            "same" => from,
            "missing" => Guid.NewGuid(),
            "other-specialist" => Id(await CreateSlotAsync(NewSpecialist(), days: 3)),
            _ => Id(await CreateSlotAsync(specialist, days: 3)),
        };
        if (target == "full")
        {
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, to, "someone-else")).StatusCode);
        }
        else if (target == "inactive")
        {
            Assert.Equal(HttpStatusCode.OK, (await Client.PutAsJsonAsync($"{Base}/{to}", new { status = "inactive" })).StatusCode);
        }

        var booked = await BodyAsync(await BookAsync(Client, from, "stayer"));
        var version = (await BodyAsync(await Client.GetAsync($"{Base}/{from}"))).GetProperty("version").GetInt32();

        await ProblemAsync(await Client.PostAsJsonAsync(Move(from, "stayer"), new { toSlotId = to }), status, code);

        var kept = await BodyAsync(await Client.GetAsync($"{Base}/{from}"));
        Assert.Equal(version, kept.GetProperty("version").GetInt32());
        Assert.Equal(booked.GetProperty("bookingId").GetGuid(), Assert.Single(kept.GetProperty("bookings").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM events WHERE subject = $1 AND type = 'slots.booking.moved'", to));
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task Who_may_move_a_booking_the_customer_the_slots_specialist_an_admin_and_nobody_else()
    {
        var specialist = NewSpecialist();
        var slots = new List<Guid>();
        for (var day = 2; day <= 5; day++)
        {
            slots.Add(Id(await CreateSlotAsync(specialist, days: day)));
        }

        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slots[0], "owner")).StatusCode);
        using var stranger = Factory.NewClient(Factory.Tokens.Customer("stranger"));
        using var otherSpecialist = Factory.NewClient(Factory.Tokens.Specialist(NewSpecialist()));
        using var theSpecialist = Factory.NewClient(Factory.Tokens.Specialist(specialist));
        using var anonymous = Factory.NewClient(null);

        await ProblemAsync(await stranger.PostAsJsonAsync(Move(slots[0], "owner"), new { toSlotId = slots[1] }), HttpStatusCode.Forbidden, "not_yourself");
        await ProblemAsync(await otherSpecialist.PostAsJsonAsync(Move(slots[0], "owner"), new { toSlotId = slots[1] }), HttpStatusCode.NotFound, "slot_not_found");
        await ProblemAsync(await anonymous.PostAsJsonAsync(Move(slots[0], "owner"), new { toSlotId = slots[1] }), HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.OK, (await theSpecialist.PostAsJsonAsync(Move(slots[0], "owner"), new { toSlotId = slots[1] })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsJsonAsync(Move(slots[1], "owner"), new { toSlotId = slots[2] })).StatusCode);
        var moved = await BodyAsync(await Client.GetAsync($"{Base}/{slots[2]}"));
        Assert.Equal([slots[0], slots[1]], Assert.Single(moved.GetProperty("bookings").EnumerateArray()).GetProperty("movedFrom").EnumerateArray().Select(e => e.GetGuid()));
    }

    [Fact]
    public async Task After_the_cancellation_deadline_the_customer_may_not_move_it_and_the_specialist_still_may()
    {
        var specialist = NewSpecialist();
        var (from, to) = (Id(await CreateSlotAsync(specialist, days: 2)), Id(await CreateSlotAsync(specialist, days: 4)));
        using var theSpecialist = Factory.NewClient(Factory.Tokens.Specialist(specialist));
        Assert.Equal(HttpStatusCode.OK, (await theSpecialist.PutAsJsonAsync($"/api/specialists/{specialist}/policy",
            new { bookingNoticeMinutes = 0, cancelNoticeMinutes = 7 * 24 * 60, cancellationReason = "optional" })).StatusCode);
        using var me = Factory.NewClient(Factory.Tokens.Customer("late-mover"));
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(me, from, "late-mover")).StatusCode);

        await ProblemAsync(await me.PostAsJsonAsync($"{Base}/{from}/book/me/move", new { toSlotId = to }), HttpStatusCode.Conflict, "reschedule_window_closed");
        var moved = await theSpecialist.PostAsJsonAsync(Move(from, "late-mover"), new { toSlotId = to });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(to, (await BodyAsync(moved)).GetProperty("slotId").GetGuid());
    }

    [Fact]
    public async Task A_reschedule_notice_of_its_own_closes_moving_before_cancelling_and_the_booking_says_both_deadlines()
    {
        var specialist = NewSpecialist();
        var (from, to) = (Id(await CreateSlotAsync(specialist, days: 2)), Id(await CreateSlotAsync(specialist, days: 4)));
        using var theSpecialist = Factory.NewClient(Factory.Tokens.Specialist(specialist));
        var policy = await theSpecialist.PutAsJsonAsync($"/api/specialists/{specialist}/policy",
            new { bookingNoticeMinutes = 0, cancelNoticeMinutes = 0, cancellationReason = "optional", rescheduleNoticeMinutes = 7 * 24 * 60 });
        Assert.Equal(7 * 24 * 60, (await BodyAsync(policy)).GetProperty("rescheduleNoticeMinutes").GetInt32());
        using var me = Factory.NewClient(Factory.Tokens.Customer("early-mover"));
        var booked = await BodyAsync(await BookAsync(me, from, "early-mover"));
        var startsAt = booked.GetProperty("startsAt").GetDateTime();

        await ProblemAsync(await me.PostAsJsonAsync($"{Base}/{from}/book/me/move", new { toSlotId = to }), HttpStatusCode.Conflict, "reschedule_window_closed");

        Assert.Equal(startsAt, booked.GetProperty("cancellableUntil").GetDateTime());
        Assert.Equal(startsAt.AddDays(-7), booked.GetProperty("reschedulableUntil").GetDateTime());
        var mine = Assert.Single((await BodyAsync(await me.GetAsync("/api/me/bookings"))).EnumerateArray(), b => b.GetProperty("slotId").GetGuid() == from);
        Assert.Equal(startsAt.AddDays(-7), mine.GetProperty("reschedulableUntil").GetDateTime());
        Assert.Equal(HttpStatusCode.NoContent, (await me.DeleteAsync($"{Base}/{from}/book/me")).StatusCode);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(525_601)]
    public async Task A_reschedule_notice_outside_zero_minutes_and_a_year_is_a_400_naming_it(int minutes)
    {
        var specialist = NewSpecialist();
        await CreateSlotAsync(specialist, days: 2);
        using var theSpecialist = Factory.NewClient(Factory.Tokens.Specialist(specialist));

        var problem = await ProblemAsync(await theSpecialist.PutAsJsonAsync($"/api/specialists/{specialist}/policy",
            new { bookingNoticeMinutes = 0, cancelNoticeMinutes = 0, rescheduleNoticeMinutes = minutes }), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("rescheduleNoticeMinutes", out _), problem.ToString());
    }

    [Fact]
    public async Task A_retried_move_with_the_same_key_gets_the_first_answer_and_moves_once()
    {
        var specialist = NewSpecialist();
        var (from, to) = (Id(await CreateSlotAsync(specialist, days: 2)), Id(await CreateSlotAsync(specialist, days: 3)));
        // A customer id at its longest (a sign-in's whole email, say): the key's scope must still fit.
        var customer = $"retrier-{new string('r', 120)}";
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, from, customer)).StatusCode);
        var body = JsonSerializer.Serialize(new { toSlotId = to });
        var key = Guid.NewGuid().ToString();

        var first = await SendRawAsync(Client, HttpMethod.Post, Move(from, customer), body, ("Idempotency-Key", key));
        var again = await SendRawAsync(Client, HttpMethod.Post, Move(from, customer), body, ("Idempotency-Key", key));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((await BodyAsync(first)).GetRawText(), (await BodyAsync(again)).GetRawText());
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM events WHERE subject = $1 AND type = 'slots.booking.moved'", to));
    }

    [Theory]
    [InlineData("{}", "toSlotId")]
    [InlineData("""{"toSlotId":"00000000-0000-0000-0000-000000000000"}""", "toSlotId")]
    [InlineData("""{"toSlotId":"not-a-uuid"}""", null)]
    [InlineData("""{"toSlotId":"019ad0a1-5e28-7c3b-9a41-6f0e2d8b7c15","reason":"two\nlines"}""", "reason")]
    public async Task A_body_it_cannot_use_is_a_400(string body, string? field)
    {
        var from = Id(await CreateSlotAsync(NewSpecialist(), days: 2));
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, from, "bad-body")).StatusCode);

        var problem = await ProblemAsync(await SendRawAsync(Client, HttpMethod.Post, Move(from, "bad-body"), body), HttpStatusCode.BadRequest);

        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }
    }

    [Fact]
    public async Task A_reason_of_500_characters_is_taken_and_501_refused()
    {
        var specialist = NewSpecialist();
        var (from, to) = (Id(await CreateSlotAsync(specialist, days: 2)), Id(await CreateSlotAsync(specialist, days: 3)));
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, from, "long-reason")).StatusCode);

        await ProblemAsync(await Client.PostAsJsonAsync(Move(from, "long-reason"), new { toSlotId = to, reason = new string('r', 501) }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsJsonAsync(Move(from, "long-reason"), new { toSlotId = to, reason = new string('r', 500) })).StatusCode);
    }

    [Fact]
    public async Task Fifty_moves_and_fifty_bookings_race_for_ten_seats_exactly_ten_get_them_and_every_loser_keeps_their_seat()
    {
        var specialist = NewSpecialist();
        var target = Id(await CreateSlotAsync(specialist, days: 4, capacity: 10));
        var movers = new List<(Guid Slot, string Customer, Guid Booking)>();
        for (var i = 0; i < 50; i++)
        {
            var at = new TimeOnly(0, 0).AddMinutes(i * 15);
            var slot = Id(await CreateSlotAsync(specialist, days: 2, start: at.ToString("HH:mm"), end: at.AddMinutes(15).ToString("HH:mm")));
            var booked = await BodyAsync(await BookAsync(Client, slot, $"m-{i}"));
            movers.Add((slot, $"m-{i}", booked.GetProperty("bookingId").GetGuid()));
        }

        using var start = new ManualResetEventSlim();
        var moves = movers.Select(m => Task.Run(() => { start.Wait(); return Client.PostAsJsonAsync(Move(m.Slot, m.Customer), new { toSlotId = target }); })).ToList();
        var bookings = Enumerable.Range(0, 50).Select(i => Task.Run(() => { start.Wait(); return BookAsync(Client, target, $"b-{i}"); })).ToList();
        start.Set();
        var moved = await Task.WhenAll(moves);
        var direct = await Task.WhenAll(bookings);

        Assert.DoesNotContain(moved.Concat(direct), r => (int)r.StatusCode >= 500 && r.StatusCode != HttpStatusCode.ServiceUnavailable);
        var won = moved.Count(r => r.StatusCode == HttpStatusCode.OK) + direct.Count(r => r.StatusCode == HttpStatusCode.Created);
        Assert.True(won == 10, $"moves {string.Join(",", moved.GroupBy(r => r.StatusCode).Select(g => $"{(int)g.Key}x{g.Count()}"))}, bookings {string.Join(",", direct.GroupBy(r => r.StatusCode).Select(g => $"{(int)g.Key}x{g.Count()}"))}");
        Assert.Equal(10, await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", target));
        for (var i = 0; i < movers.Count; i++)
        {
            var (slot, customer, booking) = movers[i];
            var wherever = await Factory.ScalarAsync<Guid>("SELECT slot_id FROM bookings WHERE id = $1 AND cancelled_at IS NULL", booking);
            if (moved[i].StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal(target, wherever);
            }
            else
            {
                // A loser keeps the seat they had, under the same booking.
                Assert.Equal(slot, wherever);
                Assert.Contains(moved[i].StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.ServiceUnavailable });
                Assert.Equal(1, await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", slot));
            }

            Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE customer_id = $1 AND cancelled_at IS NULL", customer));
        }

        await AssertInvariantAsync();
    }

    [Fact]
    public async Task A_move_and_a_cancellation_of_one_booking_at_once_one_of_them_wins_cleanly()
    {
        var specialist = NewSpecialist();
        for (var round = 0; round < 10; round++)
        {
            var (from, to) = (Id(await CreateSlotAsync(specialist, days: 2 + round)), Id(await CreateSlotAsync(specialist, days: 20 + round)));
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, from, "torn")).StatusCode);
            using var start = new ManualResetEventSlim();
            var move = Task.Run(() => { start.Wait(); return Client.PostAsJsonAsync(Move(from, "torn"), new { toSlotId = to }); });
            var cancel = Task.Run(() => { start.Wait(); return Client.DeleteAsync($"{Base}/{from}/book/torn"); });
            start.Set();
            var (moved, cancelled) = (await move, await cancel);

            if (moved.StatusCode == HttpStatusCode.OK)
            {
                // The cancellation came second and found no booking left in the slot it named.
                await ProblemAsync(cancelled, HttpStatusCode.NotFound, "booking_not_found");
                Assert.Equal(1, await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", to));
            }
            else
            {
                Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
                await ProblemAsync(moved, HttpStatusCode.NotFound, "booking_not_found");
                Assert.Equal(0, await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", to));
            }

            Assert.Equal(0, await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", from));
        }

        await AssertInvariantAsync();
    }

    /// <summary>Never more live bookings than seats, and every stored count equal to its live bookings, in any slot.</summary>
}
