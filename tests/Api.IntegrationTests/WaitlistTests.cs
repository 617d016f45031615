using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// A full slot's waitlist: who may join and when, and a freed seat going to the first in line who may still book, in the
/// transaction that frees it (a cancellation, a move out, the slot opened again); under races, in order and never beyond
/// capacity.
/// </summary>
[Collection(ApiCollection.Name)]
public class WaitlistTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    private static string Waitlist(Guid slot) => $"{Base}/{slot}/waitlist";

    /// <summary>A specialist whose policy takes a waitlist, and a full slot of theirs (booked by <c>holder-i</c>).</summary>
    private async Task<(string Specialist, Guid Slot)> FullSlotAsync(int capacity = 1, bool waitlist = true, int days = 3)
    {
        var specialist = NewSpecialist();
        var slot = Id(await CreateSlotAsync(specialist, days: days, capacity: capacity));
        await SetWaitlistAsync(specialist, waitlist);
        for (var i = 0; i < capacity; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, $"holder-{i}-{slot:N}")).StatusCode);
        }

        return (specialist, slot);
    }

    private async Task SetWaitlistAsync(string specialist, bool waitlist)
    {
        using var theSpecialist = Factory.NewClient(Factory.Tokens.Specialist(specialist));
        var policy = await theSpecialist.PutAsJsonAsync($"/api/specialists/{specialist}/policy", new { waitlist });
        Assert.Equal(HttpStatusCode.OK, policy.StatusCode);
        Assert.Equal(waitlist, (await BodyAsync(policy)).GetProperty("waitlist").GetBoolean());
    }

    private static Task<HttpResponseMessage> JoinAsync(HttpClient client, Guid slot, string customer) =>
        client.PostAsJsonAsync(Waitlist(slot), new
        {
            customerId = customer,
            customerEmail = $"{customer}@customers.example",
            customerName = $"Customer {customer}",
        });

    private async Task<string[]> WaitingAsync(Guid slot) =>
        (await BodyAsync(await Client.GetAsync(Waitlist(slot)))).EnumerateArray().Select(e => e.GetProperty("customerId").GetString()!).ToArray();

    [Fact]
    public async Task Customers_join_a_full_slots_line_in_order_and_see_their_place()
    {
        var (_, slot) = await FullSlotAsync();
        using var first = Factory.NewClient(Factory.Tokens.Customer("w-first"));
        using var second = Factory.NewClient(Factory.Tokens.Customer("w-second"));

        var joined = await first.PostAsJsonAsync(Waitlist(slot), new { timezone = "Asia/Tokyo" });
        var behind = await BodyAsync(await second.PostAsJsonAsync(Waitlist(slot), new { }));

        Assert.Equal(HttpStatusCode.Created, joined.StatusCode);
        var entry = await BodyAsync(joined);
        Assert.Equal(("waiting", 1), (entry.GetProperty("status").GetString(), entry.GetProperty("position").GetInt32()));
        Assert.Equal(2, behind.GetProperty("position").GetInt32());
        Assert.Equal(["w-first", "w-second"], await WaitingAsync(slot));
        Assert.Equal(2, (await BodyAsync(await Client.GetAsync($"{Base}/{slot}"))).GetProperty("waitingCount").GetInt32());
        var mine = Assert.Single((await BodyAsync(await second.GetAsync("/api/me/waitlist"))).EnumerateArray());
        Assert.Equal((slot, 2, 2), (mine.GetProperty("entry").GetProperty("slotId").GetGuid(), mine.GetProperty("entry").GetProperty("position").GetInt32(),
            mine.GetProperty("waitingCount").GetInt32()));
        await ProblemAsync(await second.PostAsJsonAsync(Waitlist(slot), new { }), HttpStatusCode.Conflict, "already_waiting");
        await AssertInvariantAsync();
    }

    [Theory]
    [InlineData("free-seat", "seats_available")]
    [InlineData("closed", "waitlist_closed")]
    [InlineData("inactive", "slot_inactive")]
    [InlineData("booked", "already_booked")]
    public async Task A_slot_that_takes_no_line_says_why(string state, string code)
    {
        var (specialist, slot) = await FullSlotAsync(capacity: state == "free-seat" ? 2 : 1, waitlist: state != "closed");
        var customer = state == "booked" ? $"holder-0-{slot:N}" : "w-refused";
        if (state == "free-seat")
        {
            Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{slot}/book/holder-1-{slot:N}")).StatusCode);
        }
        else if (state == "inactive")
        {
            Assert.Equal(HttpStatusCode.OK, (await Client.PutAsJsonAsync($"{Base}/{slot}", new { status = "inactive" })).StatusCode);
        }

        await ProblemAsync(await JoinAsync(Client, slot, customer), HttpStatusCode.Conflict, code);
        await ProblemAsync(await JoinAsync(Client, Guid.NewGuid(), customer), HttpStatusCode.NotFound, "slot_not_found");
        Assert.Empty(await WaitingAsync(slot));
        Assert.NotNull(specialist);
    }

    [Fact]
    public async Task A_cancellation_books_the_first_in_line_in_its_own_transaction_as_an_ordinary_booking()
    {
        var (_, slot) = await FullSlotAsync();
        using var first = Factory.NewClient(Factory.Tokens.Customer("p-first"));
        Assert.Equal(HttpStatusCode.Created, (await first.PostAsJsonAsync(Waitlist(slot), new { timezone = "Asia/Tokyo" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await JoinAsync(Client, slot, "p-second")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{slot}/book/holder-0-{slot:N}")).StatusCode);

        var after = await BodyAsync(await Client.GetAsync($"{Base}/{slot}"));
        var seat = Assert.Single(after.GetProperty("bookings").EnumerateArray());
        Assert.Equal("p-first", seat.GetProperty("customerId").GetString());
        Assert.Equal((1, 1), (after.GetProperty("bookedCount").GetInt32(), after.GetProperty("waitingCount").GetInt32()));
        Assert.Equal(["p-second"], await WaitingAsync(slot));
        // The booking is an ordinary one: its event says where it came from, its customer's zone is kept for their mail.
        var created = JsonDocument.Parse(await Factory.ScalarAsync<string>(
            "SELECT data::text FROM events WHERE subject = $1 AND type = 'slots.booking.created' ORDER BY tx DESC, seq DESC LIMIT 1", slot)).RootElement;
        Assert.True(created.GetProperty("fromWaitlist").GetBoolean());
        Assert.Equal("p-first", created.GetProperty("booking").GetProperty("customerId").GetString());
        Assert.Equal("Asia/Tokyo", await Factory.ScalarAsync<string>(
            "SELECT customer_timezone FROM bookings WHERE slot_id = $1 AND cancelled_at IS NULL", slot));
        var mine = Assert.Single((await BodyAsync(await first.GetAsync("/api/me/waitlist"))).EnumerateArray()).GetProperty("entry");
        Assert.Equal("booked", mine.GetProperty("status").GetString());
        Assert.Equal(seat.GetProperty("id").GetGuid(), mine.GetProperty("bookingId").GetGuid());
        Assert.Equal(JsonValueKind.Null, mine.GetProperty("position").ValueKind);
        Assert.Contains((await BodyAsync(await first.GetAsync("/api/me/bookings"))).EnumerateArray(), b => b.GetProperty("slotId").GetGuid() == slot);
        // The event and the booking committed together with the cancellation: the cancellation's event comes first.
        Assert.Equal(["slots.booking.cancelled", "slots.booking.created"], await EventTypesAsync(slot, 2));
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task One_who_may_no_longer_book_is_skipped_and_told_and_the_seat_goes_to_the_next()
    {
        var (specialist, slot) = await FullSlotAsync(days: 20);
        Assert.Equal(HttpStatusCode.Created, (await JoinAsync(Client, slot, "s-busy")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await JoinAsync(Client, slot, "s-next")).StatusCode);
        // s-busy then takes as many upcoming bookings with the specialist as a customer may hold (10).
        for (var day = 2; day < 12; day++)
        {
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, Id(await CreateSlotAsync(specialist, days: day)), "s-busy")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{slot}/book/holder-0-{slot:N}")).StatusCode);

        var seat = Assert.Single((await BodyAsync(await Client.GetAsync($"{Base}/{slot}"))).GetProperty("bookings").EnumerateArray());
        Assert.Equal("s-next", seat.GetProperty("customerId").GetString());
        Assert.Empty(await WaitingAsync(slot));
        using var busy = Factory.NewClient(Factory.Tokens.Customer("s-busy"));
        var told = Assert.Single((await BodyAsync(await busy.GetAsync("/api/me/waitlist"))).EnumerateArray()).GetProperty("entry");
        Assert.Equal(("skipped", "booking_limit_reached"), (told.GetProperty("status").GetString(), told.GetProperty("skipReason").GetString()));
        Assert.Equal(["slots.booking.cancelled", "slots.waitlist.skipped", "slots.booking.created"], await EventTypesAsync(slot, 3));
        await AssertInvariantAsync();

        // And told by mail: why the seat passed them by, their place gone, no invite (there is no booking to add).
        static bool Passed(MimeKit.MimeMessage m) =>
            m.Subject!.StartsWith("Not booked: ", StringComparison.Ordinal) && m.To.Mailboxes.Single().Address == "s-busy@customers.example";
        var mail = Assert.Single(await Factory.Mail.WaitForAsync(all => all.Any(Passed), Patience, "the passed-by notice"), Passed);
        Assert.Contains("you held as many upcoming bookings as a customer may, so it went to the next in line", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Reference: {told.GetProperty("id").GetGuid()}", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(mail.BodyParts, part => part.ContentType.MimeType == "text/calendar");
        Assert.DoesNotContain(Factory.Mail.Messages, m => m.Subject!.StartsWith("Not booked: ", StringComparison.Ordinal)
            && m.To.Mailboxes.Single().Address == "s-next@customers.example");
    }

    [Fact]
    public async Task A_booking_moved_out_and_a_slot_opened_again_give_their_seats_to_the_line()
    {
        var (specialist, slot) = await FullSlotAsync();
        var elsewhere = Id(await CreateSlotAsync(specialist, days: 5));
        Assert.Equal(HttpStatusCode.Created, (await JoinAsync(Client, slot, "m-waiter")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await JoinAsync(Client, slot, "o-waiter")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Client.PostAsJsonAsync($"{Base}/{slot}/book/holder-0-{slot:N}/move", new { toSlotId = elsewhere })).StatusCode);

        Assert.Equal("m-waiter", Assert.Single((await BodyAsync(await Client.GetAsync($"{Base}/{slot}"))).GetProperty("bookings").EnumerateArray())
            .GetProperty("customerId").GetString());

        // Closed, a freed seat waits with the line; opened again, it goes to the line.
        Assert.Equal(HttpStatusCode.OK, (await Client.PutAsJsonAsync($"{Base}/{slot}", new { status = "inactive" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{slot}/book/m-waiter")).StatusCode);
        Assert.Equal(["o-waiter"], await WaitingAsync(slot));
        var opened = await BodyAsync(await Client.PutAsJsonAsync($"{Base}/{slot}", new { status = "active" }));

        Assert.Equal("o-waiter", Assert.Single(opened.GetProperty("bookings").EnumerateArray()).GetProperty("customerId").GetString());
        Assert.Equal(0, opened.GetProperty("waitingCount").GetInt32());
        await AssertInvariantAsync();
    }

    /// <summary>
    /// Seats freed while a slot was closed go to the line in the one command that opens it again, each booking with its mail:
    /// every booking's statements in that command used to share their parameters by name, so the second booking's
    /// notifications were the first's again, and opening the slot failed (500, a duplicate key on the notifications).
    /// </summary>
    [Fact]
    public async Task Opening_a_slot_again_seats_as_many_from_the_line_as_seats_were_freed_each_with_their_own_mail()
    {
        var (_, slot) = await FullSlotAsync(capacity: 3);
        string[] waiters = ["r-first", "r-second", "r-third"];
        foreach (var waiter in waiters)
        {
            Assert.Equal(HttpStatusCode.Created, (await JoinAsync(Client, slot, waiter)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await Client.PutAsJsonAsync($"{Base}/{slot}", new { status = "inactive" })).StatusCode);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{slot}/book/holder-{i}-{slot:N}")).StatusCode);
        }

        var opened = await Client.PutAsJsonAsync($"{Base}/{slot}", new { status = "active" });

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(["r-third"], await WaitingAsync(slot));
        // Each seated customer's own confirmation and reminders, as many as a booking made alone has.
        const string Mail = """
            SELECT count(*) FROM notifications n JOIN bookings b ON b.id = n.booking_id
            WHERE b.slot_id = $1 AND b.customer_id = $2 AND n.recipient = 'customer'
            """;
        var alone = await Factory.ScalarAsync<long>(Mail, slot, $"holder-2-{slot:N}");
        Assert.True(alone >= 2, $"a booking alone has {alone} customer notifications");
        foreach (var seated in waiters[..2])
        {
            Assert.Equal(alone, await Factory.ScalarAsync<long>(Mail, slot, seated));
        }

        await AssertInvariantAsync();
    }

    [Fact]
    public async Task The_customers_view_lists_full_slots_with_an_open_line_only_when_asked()
    {
        var (specialist, full) = await FullSlotAsync();
        var open = Id(await CreateSlotAsync(specialist, days: 4));
        var closed = Id(await CreateSlotAsync(specialist, days: 5));
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, closed, "c-holder")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.PutAsJsonAsync($"{Base}/{closed}", new { policy = new { waitlist = false } })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await JoinAsync(Client, full, "v-waiter")).StatusCode);
        var range = $"startDate={Day(0)}&endDate={Day(10)}";

        var plain = await BodyAsync(await Client.GetAsync($"{Available(specialist)}?{range}"));
        var withFull = await BodyAsync(await Client.GetAsync($"{Available(specialist)}?{range}&includeFull=true"));

        Assert.Equal([open], plain.EnumerateArray().Select(s => s.GetProperty("id").GetGuid()));
        Assert.Equal([full, open], withFull.EnumerateArray().Select(s => s.GetProperty("id").GetGuid()));
        var listed = withFull[0];
        Assert.Equal((0, true, 1), (listed.GetProperty("remainingCapacity").GetInt32(), listed.GetProperty("waitlistOpen").GetBoolean(),
            listed.GetProperty("waitingCount").GetInt32()));
        Assert.False(withFull[1].GetProperty("waitlistOpen").GetBoolean());
        await ProblemAsync(await Client.GetAsync($"{Available(specialist)}?includeFull=maybe"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Leaving_the_customer_themselves_the_specialist_an_admin_and_nobody_else()
    {
        var (specialist, slot) = await FullSlotAsync();
        foreach (var customer in new[] { "l-self", "l-by-specialist", "l-by-admin" })
        {
            Assert.Equal(HttpStatusCode.Created, (await JoinAsync(Client, slot, customer)).StatusCode);
        }

        using var self = Factory.NewClient(Factory.Tokens.Customer("l-self"));
        using var stranger = Factory.NewClient(Factory.Tokens.Customer("l-stranger"));
        using var theSpecialist = Factory.NewClient(Factory.Tokens.Specialist(specialist));
        using var otherSpecialist = Factory.NewClient(Factory.Tokens.Specialist(NewSpecialist()));

        await ProblemAsync(await stranger.DeleteAsync($"{Waitlist(slot)}/l-self"), HttpStatusCode.Forbidden, "not_yourself");
        await ProblemAsync(await otherSpecialist.DeleteAsync($"{Waitlist(slot)}/l-self"), HttpStatusCode.NotFound, "slot_not_found");
        await ProblemAsync(await stranger.GetAsync(Waitlist(slot)), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await self.DeleteAsync($"{Waitlist(slot)}/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await theSpecialist.DeleteAsync($"{Waitlist(slot)}/l-by-specialist")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Waitlist(slot)}/l-by-admin")).StatusCode);

        await ProblemAsync(await self.DeleteAsync($"{Waitlist(slot)}/me"), HttpStatusCode.NotFound, "waitlist_entry_not_found");
        Assert.Empty(await WaitingAsync(slot));
        Assert.Empty((await BodyAsync(await self.GetAsync("/api/me/waitlist"))).EnumerateArray());
        // Left again, a customer may join anew, at the end of the line.
        Assert.Equal(1, (await BodyAsync(await self.PostAsJsonAsync(Waitlist(slot), new { }))).GetProperty("position").GetInt32());
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task A_slot_takes_at_most_a_hundred_waiting_and_a_customer_waits_for_at_most_ten_slots()
    {
        var (_, slot) = await FullSlotAsync();
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await JoinAsync(Client, slot, $"cap-{i}-{slot:N}")).StatusCode);
        }

        await ProblemAsync(await JoinAsync(Client, slot, $"cap-100-{slot:N}"), HttpStatusCode.Conflict, "waitlist_full");

        var eager = $"eager-{Guid.NewGuid():N}";
        for (var i = 0; i < 10; i++)
        {
            var (_, other) = await FullSlotAsync();
            Assert.Equal(HttpStatusCode.Created, (await JoinAsync(Client, other, eager)).StatusCode);
        }

        var (_, eleventh) = await FullSlotAsync();
        await ProblemAsync(await JoinAsync(Client, eleventh, eager), HttpStatusCode.Conflict, "waitlist_limit_reached");
        Assert.Empty(await WaitingAsync(eleventh));
        await AssertInvariantAsync();
    }

    [Theory]
    [InlineData("{\"customerId\":\"\"}")]
    [InlineData("{\"customerEmail\":\"not-an-email\"}")]
    [InlineData("{\"customerName\":\"   \"}")]
    [InlineData("{\"timezone\":\"Mars/Olympus\"}")]
    [InlineData("{\"timezone\":7}")]
    [InlineData("[]")]
    public async Task A_malformed_join_is_a_400_and_changes_nothing(string body)
    {
        var (_, slot) = await FullSlotAsync();

        var response = await Client.PostAsync(Waitlist(slot), Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await WaitingAsync(slot));
    }

    [Fact]
    public async Task Ten_cancellations_racing_book_exactly_the_first_ten_of_twenty_waiting_in_order()
    {
        var (_, slot) = await FullSlotAsync(capacity: 10);
        var line = Enumerable.Range(0, 20).Select(i => $"fair-{i:D2}-{slot:N}").ToArray();
        foreach (var customer in line)
        {
            Assert.Equal(HttpStatusCode.Created, (await JoinAsync(Client, slot, customer)).StatusCode);
        }

        using var start = new ManualResetEventSlim();
        var cancellations = Enumerable.Range(0, 10)
            .Select(i => Task.Run(() => { start.Wait(); return Client.DeleteAsync($"{Base}/{slot}/book/holder-{i}-{slot:N}"); }))
            .ToList();
        start.Set();
        var answers = await Task.WhenAll(cancellations);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NoContent, a.StatusCode));
        var seated = (await BodyAsync(await Client.GetAsync($"{Base}/{slot}"))).GetProperty("bookings").EnumerateArray()
            .Select(b => b.GetProperty("customerId").GetString()).Order().ToArray();
        Assert.Equal(line[..10], seated);
        Assert.Equal(line[10..], await WaitingAsync(slot));
        // Each was booked in line order: their events were written under the slot's lock, one transaction after another.
        Assert.Equal(line[..10], await Factory.ScalarAsync<string[]>("""
            SELECT array_agg(data->'booking'->>'customerId' ORDER BY seq) FROM events
            WHERE subject = $1 AND type = 'slots.booking.created' AND (data->>'fromWaitlist')::boolean
            """, slot));
        await AssertInvariantAsync();
    }

    [Fact]
    public async Task An_erased_customer_leaves_every_line_and_keeps_no_name_in_it()
    {
        var (_, slot) = await FullSlotAsync();
        var customer = $"erase-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await JoinAsync(Client, slot, customer)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Client.DeleteAsync($"/api/customers/{customer}/personal-data")).StatusCode);

        Assert.Empty(await WaitingAsync(slot));
        Assert.Equal(0L, await Factory.ScalarAsync<long>(
            "SELECT count(*) FROM waitlist_entries WHERE customer_id = $1 AND (customer_email <> 'erased@erased.invalid' OR status <> 'left')", customer));
        await AssertInvariantAsync();
    }

    private async Task<string[]> EventTypesAsync(Guid slot, int last) =>
        (await Factory.ScalarAsync<string[]>(
            "SELECT array_agg(type ORDER BY tx, seq) FROM (SELECT type, tx, seq FROM events WHERE subject = $1 ORDER BY tx DESC, seq DESC LIMIT $2) e",
            slot, last))!;
}
