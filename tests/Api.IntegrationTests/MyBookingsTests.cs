using System.Net;
using System.Text.Json;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// <c>GET /api/me/bookings</c>: the caller's live bookings in slots not yet ended, soonest first, or (<c>when=past</c>) in
/// slots that have ended, latest first; paged.
/// </summary>
[Collection(ApiCollection.Name)]
public class MyBookingsTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    private const string Mine = "/api/me/bookings";

    [Fact]
    public async Task A_customer_sees_their_live_bookings_soonest_first_across_specialists()
    {
        var customer = $"me-{Guid.NewGuid():N}";
        var (ann, bob) = (NewSpecialist(), NewSpecialist());
        var later = Id(await CreateSlotAsync(ann, days: 5, capacity: 2));
        var sooner = Id(await CreateSlotAsync(bob, days: 2, start: "09:00", end: "09:30"));
        var cancelled = Id(await CreateSlotAsync(ann, days: 3));
        var someoneElses = Id(await CreateSlotAsync(bob, days: 4));
        foreach (var slot in new[] { later, sooner, cancelled })
        {
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, customer)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, someoneElses, "someone-else")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{cancelled}/book/{customer}")).StatusCode);
        using var me = Factory.NewClient(Factory.Tokens.Customer(customer));

        var response = await me.GetAsync(Mine);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.Equal([sooner, later], body.EnumerateArray().Select(b => b.GetProperty("slotId").GetGuid()));
        var first = body[0];
        Assert.Equal(bob, first.GetProperty("specialistEmail").GetString());
        Assert.Equal(Day(2), first.GetProperty("date").GetString());
        Assert.Equal("09:00", first.GetProperty("startTime").GetString());
        Assert.Equal(30, first.GetProperty("duration").GetInt32());
        Assert.Equal(customer, first.GetProperty("customerId").GetString());
        Assert.Equal($"Customer {customer}", first.GetProperty("customerName").GetString());
        Assert.Equal(JsonValueKind.String, first.GetProperty("bookedAt").ValueKind);
        Assert.False(response.Headers.Contains("Link"));
    }

    [Fact]
    public async Task A_slot_that_has_ended_leaves_the_list_one_in_progress_stays()
    {
        var customer = $"me-{Guid.NewGuid():N}";
        var (ended, running) = (Id(await CreateSlotAsync(NewSpecialist(), days: 1)), Id(await CreateSlotAsync(NewSpecialist(), days: 2)));
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, ended, customer)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, running, customer)).StatusCode);
        var now = Factory.Clock.GetUtcNow().UtcDateTime;
        // History cannot be made through the API (a slot starts in the future); move the two slots in time directly.
        await Factory.ExecuteAsync("UPDATE slots SET starts_at = $2, ends_at = $3 WHERE id = $1", ended, now.AddHours(-2), now.AddSeconds(-1));
        await Factory.ExecuteAsync("UPDATE slots SET starts_at = $2, ends_at = $3 WHERE id = $1", running, now.AddMinutes(-30), now.AddMinutes(30));
        using var me = Factory.NewClient(Factory.Tokens.Customer(customer));

        var body = await BodyAsync(await me.GetAsync(Mine));

        Assert.Equal([running], body.EnumerateArray().Select(b => b.GetProperty("slotId").GetGuid()));
        // The one that ended is in the past list; so is nothing else (the running one has not ended).
        Assert.Equal([ended], (await BodyAsync(await me.GetAsync($"{Mine}?when=past"))).EnumerateArray().Select(b => b.GetProperty("slotId").GetGuid()));
        Assert.Equal([running], (await BodyAsync(await me.GetAsync($"{Mine}?when=upcoming"))).EnumerateArray().Select(b => b.GetProperty("slotId").GetGuid()));
    }

    [Fact]
    public async Task Past_bookings_are_the_latest_first_paged_without_loss_and_a_cancelled_one_is_not_among_them()
    {
        var customer = $"me-{Guid.NewGuid():N}";
        var now = Factory.Clock.GetUtcNow().UtcDateTime;
        var ended = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var slot = Id(await CreateSlotAsync(NewSpecialist(), days: 1));
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, customer)).StatusCode);
            ended.Add(slot);
        }

        var cancelled = Id(await CreateSlotAsync(NewSpecialist(), days: 1));
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, cancelled, customer)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{cancelled}/book/{customer}")).StatusCode);
        // Into the past, directly: the first a week ago, the last two at the same instant (the id breaks the tie).
        var starts = new[] { now.AddDays(-7), now.AddDays(-3), now.AddDays(-2), now.AddDays(-1), now.AddDays(-1) };
        for (var i = 0; i < 5; i++)
        {
            await Factory.ExecuteAsync("UPDATE slots SET starts_at = $2, ends_at = $3 WHERE id = $1", ended[i], starts[i], starts[i].AddHours(1));
        }

        await Factory.ExecuteAsync("UPDATE slots SET starts_at = $2, ends_at = $3 WHERE id = $1", cancelled, now.AddDays(-4), now.AddDays(-4).AddHours(1));
        using var me = Factory.NewClient(Factory.Tokens.Customer(customer));

        var seen = new List<Guid>();
        var url = $"{Mine}?when=past&limit=2";
        while (url is not null)
        {
            var response = await me.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AddRange((await BodyAsync(response)).EnumerateArray().Select(b => b.GetProperty("slotId").GetGuid()));
            url = NextPage(response);
        }

        var lastTwo = ended.Skip(3).OrderByDescending(id => id.ToString("N"), StringComparer.Ordinal).ToList();
        Assert.Equal([.. lastTwo, ended[2], ended[1], ended[0]], seen);
    }

    [Fact]
    public async Task Pages_follow_the_link_through_slots_that_start_at_the_same_instant()
    {
        var customer = $"me-{Guid.NewGuid():N}";
        var booked = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            // Five specialists, one slot each, all at the same time: start alone cannot order them.
            var slot = Id(await CreateSlotAsync(NewSpecialist(), days: 6));
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, customer)).StatusCode);
            booked.Add(slot);
        }

        using var me = Factory.NewClient(Factory.Tokens.Customer(customer));
        var seen = new List<Guid>();
        var url = $"{Mine}?limit=2";
        var pages = 0;
        while (url is not null)
        {
            var response = await me.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AddRange((await BodyAsync(response)).EnumerateArray().Select(b => b.GetProperty("slotId").GetGuid()));
            pages++;
            url = NextPage(response);
        }

        Assert.Equal(3, pages);
        Assert.Equal(booked.Count, seen.Count);
        Assert.Equal(booked.ToHashSet(), seen.ToHashSet());
    }

    [Fact]
    public async Task Only_customers_and_admins_may_ask_and_the_paging_input_is_checked()
    {
        using var specialist = Factory.NewClient(Factory.Tokens.Specialist(NewSpecialist()));
        using var anonymous = Factory.NewClient(null);
        using var customer = Factory.NewClient(Factory.Tokens.Customer($"me-{Guid.NewGuid():N}"));

        await ProblemAsync(await specialist.GetAsync(Mine), HttpStatusCode.Forbidden, "role_not_allowed");
        await ProblemAsync(await anonymous.GetAsync(Mine), HttpStatusCode.Unauthorized);
        Assert.Equal(0, (await BodyAsync(await Client.GetAsync(Mine))).GetArrayLength());
        Assert.Equal(0, (await BodyAsync(await customer.GetAsync(Mine))).GetArrayLength());
        foreach (var query in new[] { "limit=0", "limit=501", "limit=x", "cursor=!", "cursor=" + new string('A', 97), "when=Past", "when=future", "when=" })
        {
            await ProblemAsync(await customer.GetAsync($"{Mine}?{query}"), HttpStatusCode.BadRequest);
        }
    }
}
