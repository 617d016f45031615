using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// "Cancel if allowed": the specialist's policy and a slot's override, the booking and cancellation notices to the second
/// on the service's clock, the reason rule, who cancelled, and what a booking keeps of the policy it was made under.
/// The clock only moves forward, by minutes: the slots are made to start a few minutes ahead of it.
/// </summary>
[Collection(ApiCollection.Name)]
public class PolicyTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    private static string PolicyOf(string specialist) => $"/api/specialists/{specialist}/policy";

    [Fact]
    public async Task Anyone_reads_a_specialists_policy_and_only_the_specialist_sets_it()
    {
        var specialist = NewSpecialist();
        using var anonymous = Factory.NewClient(null);
        using var owner = Factory.NewClient(Factory.Tokens.Specialist(specialist));
        using var impostor = Factory.NewClient(Factory.Tokens.Specialist(specialist, subject: "another-account"));
        using var customer = Factory.NewClient(Factory.Tokens.Customer("policy-reader"));

        await ProblemAsync(await anonymous.GetAsync(PolicyOf(specialist)), HttpStatusCode.NotFound, "specialist_not_found");
        await ProblemAsync(await Client.PutAsJsonAsync(PolicyOf(specialist), new { cancelNoticeMinutes = 60 }), HttpStatusCode.NotFound, "specialist_not_found");
        var set = await owner.PutAsJsonAsync(PolicyOf(specialist), new { bookingNoticeMinutes = 30, cancelNoticeMinutes = 1440, cancellationReason = "required" });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(Policy(30, 1440, "required"), Policy(await BodyAsync(set)));
        Assert.Equal(Policy(30, 1440, "required"), Policy(await BodyAsync(await anonymous.GetAsync(PolicyOf(specialist.ToUpperInvariant())))));

        await ProblemAsync(await impostor.PutAsJsonAsync(PolicyOf(specialist), new { }), HttpStatusCode.Conflict, "handle_taken");
        await ProblemAsync(await customer.PutAsJsonAsync(PolicyOf(specialist), new { }), HttpStatusCode.Forbidden, "role_not_allowed");
        await ProblemAsync(await owner.PutAsJsonAsync(PolicyOf(NewSpecialist()), new { }), HttpStatusCode.Forbidden, "not_yourself");
        Assert.Equal(Policy(30, 1440, "required"), Policy(await BodyAsync(await anonymous.GetAsync(PolicyOf(specialist)))));

        // A PUT replaces the policy whole: what it leaves out takes its default. An admin may set it once the handle exists.
        Assert.Equal(HttpStatusCode.OK, (await Client.PutAsJsonAsync(PolicyOf(specialist), new { cancelNoticeMinutes = 5 })).StatusCode);
        Assert.Equal(Policy(0, 5, "optional"), Policy(await BodyAsync(await anonymous.GetAsync(PolicyOf(specialist)))));
    }

    [Theory]
    [InlineData("""{"bookingNoticeMinutes": -1}""")]
    [InlineData("""{"cancelNoticeMinutes": 525601}""")]
    [InlineData("""{"cancelNoticeMinutes": 2147483648}""")]
    [InlineData("""{"bookingNoticeMinutes": -2147483649}""")]
    [InlineData("""{"bookingNoticeMinutes": 1.5}""")]
    [InlineData("""{"bookingNoticeMinutes": "60"}""")]
    [InlineData("""{"cancellationReason": "Required"}""")]
    [InlineData("""{"cancellationReason": "always"}""")]
    [InlineData("""{"cancellationReason": 1}""")]
    [InlineData("""{"cancellationReason": ""}""")]
    [InlineData("""[]""")]
    public async Task A_bad_policy_is_400_and_changes_nothing(string body)
    {
        var specialist = NewSpecialist();
        using var owner = Factory.NewClient(Factory.Tokens.Specialist(specialist));
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync(PolicyOf(specialist), new { cancelNoticeMinutes = 7 })).StatusCode);
        var slot = Id(await CreateSlotAsync(specialist, days: 2));

        await ProblemAsync(await owner.PutAsync(PolicyOf(specialist), Json(body)), HttpStatusCode.BadRequest);
        await ProblemAsync(await Client.PutAsync($"{Base}/{slot}", Json($$"""{"policy": {{body}}}""")), HttpStatusCode.BadRequest);
        await ProblemAsync(await Client.PostAsync(Base, Json($$"""
            {"specialistEmail": "{{specialist}}", "specialistId": "sub-{{specialist}}", "date": "{{Day(3)}}",
             "startTime": "10:00", "endTime": "11:00", "policy": {{body}}}
            """)), HttpStatusCode.BadRequest);

        Assert.Equal(Policy(0, 7, "optional"), Policy(await BodyAsync(await owner.GetAsync(PolicyOf(specialist)))));
        Assert.Equal(1, (await BodyAsync(await Client.GetAsync($"{Base}/{slot}"))).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task The_extremes_of_a_notice_are_taken()
    {
        var specialist = NewSpecialist();
        using var owner = Factory.NewClient(Factory.Tokens.Specialist(specialist));

        var set = await owner.PutAsJsonAsync(PolicyOf(specialist), new { bookingNoticeMinutes = 525600, cancelNoticeMinutes = 0 });

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(Policy(525600, 0, "optional"), Policy(await BodyAsync(set)));
        var slot = Id(await CreateSlotAsync(specialist, days: 2));
        await ProblemAsync(await BookAsync(Client, slot, "too-soon"), HttpStatusCode.Conflict, "booking_window_closed");
    }

    [Fact]
    public async Task Booking_is_open_until_the_notice_to_the_second()
    {
        var specialist = NewSpecialist();
        var start = NextMinute(5);
        var slot = await CreateSlotAtAsync(specialist, start, "UTC", capacity: 3, policy: new { bookingNoticeMinutes = 2 });
        var until = start.AddMinutes(-2);

        AdvanceTo(until.AddSeconds(-1));
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, $"early-{Guid.NewGuid():N}")).StatusCode);
        AdvanceTo(until);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, $"just-{Guid.NewGuid():N}")).StatusCode);
        AdvanceTo(until.AddSeconds(1));
        var late = await ProblemAsync(await BookAsync(Client, slot, $"late-{Guid.NewGuid():N}"), HttpStatusCode.Conflict, "booking_window_closed");

        Assert.Contains(until.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), late.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", slot));
    }

    [Fact]
    public async Task A_customer_cancels_until_the_notice_and_the_specialist_after_it_on_record()
    {
        var specialist = NewSpecialist();
        using var owner = Factory.NewClient(Factory.Tokens.Specialist(specialist));
        var start = NextMinute(6);
        var slot = await CreateSlotAtAsync(specialist, start, "UTC", capacity: 4, policy: new { cancelNoticeMinutes = 3 });
        var customers = Enumerable.Range(0, 4).Select(n => $"cancel-{n}-{Guid.NewGuid():N}").ToArray();
        var until = start.AddMinutes(-3);
        foreach (var customer in customers)
        {
            var made = await BodyAsync(await CustomerClient(customer).PostAsJsonAsync($"{Base}/{slot}/book", new { }));
            Assert.Equal(until, made.GetProperty("cancellableUntil").GetDateTime());
            Assert.Equal(Policy(0, 3, "optional"), Policy(made.GetProperty("policy")));
        }

        AdvanceTo(until.AddSeconds(-1));
        Assert.Equal(HttpStatusCode.NoContent, (await CustomerClient(customers[0]).DeleteAsync($"{Base}/{slot}/book/me")).StatusCode);
        AdvanceTo(until);
        Assert.Equal(HttpStatusCode.NoContent, (await CustomerClient(customers[1]).DeleteAsync($"{Base}/{slot}/book/{customers[1]}")).StatusCode);
        AdvanceTo(until.AddSeconds(1));
        var closed = await ProblemAsync(
            await CustomerClient(customers[2]).PostAsJsonAsync($"{Base}/{slot}/book/me/cancellation", new { reason = "Late" }),
            HttpStatusCode.Conflict, "cancellation_window_closed");
        Assert.Contains(until.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), closed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsJsonAsync(
            $"{Base}/{slot}/book/{customers[2]}/cancellation", new { reason = "  I am ill, sorry.  " })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{slot}/book/{customers[3]}")).StatusCode);

        var cancelled = (await BodyAsync(await owner.GetAsync($"{Base}/{slot}/cancelled-bookings"))).EnumerateArray()
            .ToDictionary(b => b.GetProperty("customerId").GetString()!, b => b.GetProperty("cancellation"));
        Assert.Equal(("customer", false), Facts(cancelled[customers[0]]));
        Assert.Equal(("customer", false), Facts(cancelled[customers[1]]));
        Assert.Equal(("specialist", true), Facts(cancelled[customers[2]]));
        Assert.Equal("I am ill, sorry.", cancelled[customers[2]].GetProperty("reason").GetString());
        Assert.Equal(("admin", true), Facts(cancelled[customers[3]]));
        Assert.Equal(JsonValueKind.Null, cancelled[customers[3]].GetProperty("reason").ValueKind);

        var data = JsonDocument.Parse(await Factory.ScalarAsync<string>(
            "SELECT data::text FROM events WHERE subject = $1 AND type = 'slots.booking.cancelled' AND data -> 'booking' ->> 'customerId' = $2",
            slot, customers[2])).RootElement;
        Assert.Equal("specialist", data.GetProperty("cancellation").GetProperty("by").GetString());
        Assert.Equal("I am ill, sorry.", data.GetProperty("cancellation").GetProperty("reason").GetString());
        Assert.True(data.GetProperty("cancellation").GetProperty("late").GetBoolean());
    }

    [Fact]
    public async Task A_required_reason_is_asked_of_the_plain_delete_and_given_by_the_post()
    {
        var specialist = NewSpecialist();
        var slot = Id(await CreateSlotAsync(specialist, days: 2, capacity: 2));
        var version = (await BodyAsync(await Client.GetAsync($"{Base}/{slot}"))).GetProperty("version").GetInt32();
        var changed = await BodyAsync(await Client.PutAsJsonAsync($"{Base}/{slot}", new { policy = new { cancellationReason = "required" } }));
        Assert.Equal(version + 1, changed.GetProperty("version").GetInt32());
        Assert.Equal("required", changed.GetProperty("policy").GetProperty("cancellationReason").GetString());
        Assert.Equal(JsonValueKind.Null, changed.GetProperty("policy").GetProperty("cancelNoticeMinutes").ValueKind);
        var (one, two) = ($"why-{Guid.NewGuid():N}", $"why-{Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.Created, (await CustomerClient(one).PostAsJsonAsync($"{Base}/{slot}/book", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await CustomerClient(two).PostAsJsonAsync($"{Base}/{slot}/book", new { })).StatusCode);

        await ProblemAsync(await CustomerClient(one).DeleteAsync($"{Base}/{slot}/book/me"), HttpStatusCode.BadRequest, "cancellation_reason_required");
        await ProblemAsync(await CustomerClient(one).PostAsJsonAsync($"{Base}/{slot}/book/me/cancellation", new { reason = " " }),
            HttpStatusCode.BadRequest, "cancellation_reason_required");
        await ProblemAsync(await Client.DeleteAsync($"{Base}/{slot}/book/{two}"), HttpStatusCode.BadRequest, "cancellation_reason_required");
        await ProblemAsync(await CustomerClient(one).PostAsJsonAsync($"{Base}/{slot}/book/me/cancellation", new { reason = new string('x', 501) }),
            HttpStatusCode.BadRequest, "validation_failed");
        await ProblemAsync(await CustomerClient(one).PostAsJsonAsync($"{Base}/{slot}/book/me/cancellation", new { reason = "one\ntwo" }),
            HttpStatusCode.BadRequest, "validation_failed");
        await ProblemAsync(await CustomerClient(two).PostAsJsonAsync($"{Base}/{slot}/book/{one}/cancellation", new { reason = "Not mine" }),
            HttpStatusCode.Forbidden, "not_yourself");
        Assert.Equal(2, await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", slot));

        Assert.Equal(HttpStatusCode.NoContent, (await CustomerClient(one).PostAsJsonAsync(
            $"{Base}/{slot}/book/me/cancellation", new { reason = new string('x', 500) })).StatusCode);
        Assert.Equal(1, await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", slot));
        Assert.Equal(new string('x', 500), await Factory.ScalarAsync<string>(
            "SELECT cancellation_reason FROM bookings WHERE slot_id = $1 AND customer_id = $2", slot, one));
    }

    [Fact]
    public async Task A_booking_keeps_the_policy_it_was_made_under()
    {
        var specialist = NewSpecialist();
        using var owner = Factory.NewClient(Factory.Tokens.Specialist(specialist));
        var slot = Id(await CreateSlotAsync(specialist, days: 2, capacity: 2));
        var (before, after) = ($"kept-{Guid.NewGuid():N}", $"kept-{Guid.NewGuid():N}");
        var first = await BodyAsync(await CustomerClient(before).PostAsJsonAsync($"{Base}/{slot}/book", new { }));

        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync(PolicyOf(specialist), new { cancelNoticeMinutes = 525600, cancellationReason = "required" })).StatusCode);
        var second = await BodyAsync(await CustomerClient(after).PostAsJsonAsync($"{Base}/{slot}/book", new { }));

        Assert.Equal(Policy(0, 0, "optional"), Policy(first.GetProperty("policy")));
        Assert.Equal(Policy(0, 525600, "required"), Policy(second.GetProperty("policy")));
        var mine = await BodyAsync(await CustomerClient(before).GetAsync("/api/me/bookings"));
        var listed = Assert.Single(mine.EnumerateArray(), b => b.GetProperty("slotId").GetGuid() == slot);
        Assert.Equal(first.GetProperty("bookingId").GetGuid(), listed.GetProperty("bookingId").GetGuid());
        Assert.Equal(first.GetProperty("startsAt").GetDateTime(), listed.GetProperty("cancellableUntil").GetDateTime());
        Assert.Equal(Policy(0, 0, "optional"), Policy(listed.GetProperty("policy")));
        await ProblemAsync(await CustomerClient(after).DeleteAsync($"{Base}/{slot}/book/me"), HttpStatusCode.Conflict, "cancellation_window_closed");
        Assert.Equal(HttpStatusCode.NoContent, (await CustomerClient(before).DeleteAsync($"{Base}/{slot}/book/me")).StatusCode);
    }

    [Fact]
    public async Task A_series_takes_a_policy_when_made_and_changes_it_for_all_its_future_slots()
    {
        var specialist = NewSpecialist();
        var made = await Client.PostAsync($"{Base}/series", Json($$$"""
            {"specialistEmail": "{{{specialist}}}", "specialistId": "sub-{{{specialist}}}", "from": "{{{Day(3)}}}", "to": "{{{Day(5)}}}",
             "weekdays": ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
             "windows": [{"startTime": "09:00", "endTime": "10:00"}], "slotMinutes": 60, "policy": {"cancelNoticeMinutes": 60}}
            """));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var body = await BodyAsync(made);
        var series = body.GetProperty("seriesId").GetGuid();
        Assert.Equal(3, body.GetProperty("created").GetArrayLength());
        Assert.All(body.GetProperty("created").EnumerateArray(), slot => Assert.Equal(60, slot.GetProperty("policy").GetProperty("cancelNoticeMinutes").GetInt32()));

        await ProblemAsync(await Client.PutAsync($"{Base}/series/{series}", Json("{}")), HttpStatusCode.BadRequest);
        await ProblemAsync(await Client.PutAsync($"{Base}/series/{series}", Json("""{"policy": {"bookingNoticeMinutes": -5}}""")), HttpStatusCode.BadRequest);
        var changed = await BodyAsync(await Client.PutAsJsonAsync($"{Base}/series/{series}", new { policy = new { cancellationReason = "required" } }));

        Assert.Equal(3, changed.GetProperty("changed").GetInt32());
        Assert.All(changed.GetProperty("slots").EnumerateArray(), slot =>
        {
            Assert.Equal("required", slot.GetProperty("policy").GetProperty("cancellationReason").GetString());
            Assert.Equal(JsonValueKind.Null, slot.GetProperty("policy").GetProperty("cancelNoticeMinutes").ValueKind);
            Assert.Equal("active", slot.GetProperty("status").GetString());
        });
        var data = JsonDocument.Parse(await Factory.ScalarAsync<string>(
            "SELECT data::text FROM events WHERE subject = $1 AND type = 'slots.series.changed'", series)).RootElement;
        Assert.Equal("required", data.GetProperty("policy").GetProperty("cancellationReason").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("status").ValueKind);
        // The same override again changes nothing.
        Assert.Equal(0, (await BodyAsync(await Client.PutAsJsonAsync($"{Base}/series/{series}", new { policy = new { cancellationReason = "required" } })))
            .GetProperty("changed").GetInt32());
    }

    [Fact]
    public async Task A_notice_counts_real_minutes_across_a_daylight_saving_change()
    {
        // The slot starts on the Monday after Berlin's next change of clocks, 09:00 local; the notice reaches back to a
        // few minutes from now, across the change. Counted in local wall-clock time it would be an hour off.
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var until = NextMinute(3);
        var change = Enumerable.Range(1, 400 * 24).Select(h => until.UtcDateTime.AddHours(h))
            .First(h => berlin.GetUtcOffset(h) != berlin.GetUtcOffset(until.UtcDateTime));
        var localStart = TimeZoneInfo.ConvertTimeFromUtc(change, berlin).Date.AddDays(2).AddHours(9);
        var start = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(localStart, berlin), TimeSpan.Zero);
        var notice = (int)(start - until).TotalMinutes;
        var specialist = NewSpecialist();
        var slot = await CreateSlotAtAsync(specialist, start, "Europe/Berlin", capacity: 2, policy: new { cancelNoticeMinutes = notice });
        var (keeps, leaves) = ($"dst-{Guid.NewGuid():N}", $"dst-{Guid.NewGuid():N}");
        var made = await BodyAsync(await CustomerClient(keeps).PostAsJsonAsync($"{Base}/{slot}/book", new { }));
        Assert.Equal(HttpStatusCode.Created, (await CustomerClient(leaves).PostAsJsonAsync($"{Base}/{slot}/book", new { })).StatusCode);

        Assert.Equal(until.UtcDateTime, made.GetProperty("cancellableUntil").GetDateTime());
        Assert.NotEqual(berlin.GetUtcOffset(until.UtcDateTime), berlin.GetUtcOffset(start.UtcDateTime));
        AdvanceTo(until);
        Assert.Equal(HttpStatusCode.NoContent, (await CustomerClient(leaves).DeleteAsync($"{Base}/{slot}/book/me")).StatusCode);
        AdvanceTo(until.AddSeconds(1));
        await ProblemAsync(await CustomerClient(keeps).DeleteAsync($"{Base}/{slot}/book/me"), HttpStatusCode.Conflict, "cancellation_window_closed");
    }

    [Fact]
    public async Task The_cancellation_mail_says_who_cancelled_and_why()
    {
        var specialist = NewSpecialist();
        using var owner = Factory.NewClient(Factory.Tokens.Specialist(specialist));
        var slot = Id(await CreateSlotAsync(specialist, days: 4));
        var customer = $"mailwhy-{Guid.NewGuid():N}";
        var address = $"{customer}@customers.example";
        Assert.Equal(HttpStatusCode.Created, (await CustomerClient(customer).PostAsJsonAsync($"{Base}/{slot}/book", new { })).StatusCode);
        // The confirmation first: a confirmation not yet sent when its booking is cancelled is skipped.
        await Factory.Mail.WaitForAsync(all => all.Any(m => To(m) == address && m.Subject!.StartsWith("Booked: ", StringComparison.Ordinal)), Patience, "the confirmation");

        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsJsonAsync(
            $"{Base}/{slot}/book/{customer}/cancellation", new { reason = "Called <away> today" })).StatusCode);

        var mails = await Factory.Mail.WaitForAsync(
            all => all.Count(m => (To(m) == address || To(m) == specialist) && m.Subject!.StartsWith("Cancelled", StringComparison.Ordinal)) == 2,
            Patience, "both cancellations");
        var toCustomer = Assert.Single(mails, m => To(m) == address && m.Subject!.StartsWith("Cancelled", StringComparison.Ordinal));
        var toSpecialist = Assert.Single(mails, m => To(m) == specialist && m.Subject!.StartsWith("Cancelled", StringComparison.Ordinal));
        Assert.Contains("Cancelled by: the specialist", toCustomer.TextBody, StringComparison.Ordinal);
        Assert.Contains("Cancelled by: you", toSpecialist.TextBody, StringComparison.Ordinal);
        Assert.All(new[] { toCustomer, toSpecialist }, m =>
        {
            Assert.Contains("Reason: Called <away>", m.TextBody, StringComparison.Ordinal);
            Assert.Contains("Called &lt;away&gt;", m.HtmlBody, StringComparison.Ordinal);
            Assert.DoesNotContain("<away>", m.HtmlBody, StringComparison.Ordinal);
        });
    }

    private static string? To(MimeKit.MimeMessage mail) => mail.To.Mailboxes.Single().Address;

    private HttpClient CustomerClient(string customer) => Factory.NewClient(Factory.Tokens.Customer(customer));

    private static (int, int, string) Policy(int booking, int cancel, string reason) => (booking, cancel, reason);

    private static (int, int, string) Policy(JsonElement policy) => (
        policy.GetProperty("bookingNoticeMinutes").GetInt32(),
        policy.GetProperty("cancelNoticeMinutes").GetInt32(),
        policy.GetProperty("cancellationReason").GetString()!);

    private static (string, bool) Facts(JsonElement cancellation) =>
        (cancellation.GetProperty("by").GetString()!, cancellation.GetProperty("late").GetBoolean());

    /// <summary>
    /// The start of the minute <paramref name="minutes"/> whole minutes after the next one on the service's clock; a minute
    /// later when that is 23:59 UTC, where no slot fits before the date ends.
    /// </summary>
    private DateTimeOffset NextMinute(int minutes)
    {
        var now = Factory.Clock.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1 + minutes);
        return start is { Hour: 23, Minute: 59 } ? start.AddMinutes(1) : start;
    }

    /// <summary>Moves the service's clock forward to <paramref name="moment"/>; it never goes back.</summary>
    private void AdvanceTo(DateTimeOffset moment)
    {
        var step = moment - Factory.Clock.GetUtcNow();
        Assert.True(step >= TimeSpan.Zero, $"the clock is already past {moment:O}");
        Factory.Clock.Advance(step);
    }

    private async Task<Guid> CreateSlotAtAsync(string specialist, DateTimeOffset start, string zone, int capacity, object policy)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(start.UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById(zone));
        var response = await Client.PostAsJsonAsync(Base, new
        {
            specialistEmail = specialist,
            specialistId = $"sub-{specialist}",
            date = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            startTime = local.ToString("HH:mm", CultureInfo.InvariantCulture),
            // Half an hour, or less when the local date ends sooner: a slot lies within its date.
            endTime = (local.AddMinutes(30).Date == local.Date ? local.AddMinutes(30) : local.Date.AddMinutes((24 * 60) - 1))
                .ToString("HH:mm", CultureInfo.InvariantCulture),
            totalCapacity = capacity,
            timezone = zone,
            policy,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var slot = await BodyAsync(response);
        Assert.Equal(start.UtcDateTime, slot.GetProperty("startsAt").GetDateTime());
        return Id(slot);
    }
}
