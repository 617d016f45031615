using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// Calendars: each owner's private feed (see, issue, rotate, turn off), what a feed holds (the owner's own sessions, valid
/// RFC 5545 that Ical.Net reads back), its ETag, its limits, and one booking as a file with its invites' UID.
/// </summary>
[Collection(ApiCollection.Name)]
public class CalendarTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    private const string Feed = "/api/me/calendar-feed";

    [Fact]
    public async Task A_specialist_sees_issues_rotates_and_turns_off_their_feed_and_the_old_url_stops_at_once()
    {
        var specialist = NewSpecialist();
        using var owner = Factory.NewClient(Factory.Tokens.Specialist(specialist));
        using var anonymous = Factory.NewClient(null);

        await ProblemAsync(await owner.GetAsync(Feed), HttpStatusCode.NotFound, "calendar_feed_not_found");
        var first = await BodyAsync(await owner.PostAsync(Feed, null));
        Assert.Equal("specialist", first.GetProperty("kind").GetString());
        Assert.Equal(first.GetProperty("url").GetString(), (await BodyAsync(await owner.GetAsync(Feed))).GetProperty("url").GetString());
        var url = new Uri(first.GetProperty("url").GetString()!);
        Assert.Matches("^/api/calendar/[A-Za-z0-9_-]{43}\\.ics$", url.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(url.PathAndQuery)).StatusCode);

        var second = await BodyAsync(await owner.PostAsync(Feed, null));
        var rotated = new Uri(second.GetProperty("url").GetString()!);
        Assert.NotEqual(url, rotated);
        await ProblemAsync(await anonymous.GetAsync(url.PathAndQuery), HttpStatusCode.NotFound, "calendar_feed_not_found");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(rotated.PathAndQuery)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync(Feed)).StatusCode);
        await ProblemAsync(await anonymous.GetAsync(rotated.PathAndQuery), HttpStatusCode.NotFound, "calendar_feed_not_found");
        await ProblemAsync(await owner.DeleteAsync(Feed), HttpStatusCode.NotFound, "calendar_feed_not_found");
        await ProblemAsync(await owner.GetAsync(Feed), HttpStatusCode.NotFound, "calendar_feed_not_found");
        using var service = Factory.NewClient(Factory.Tokens.Service("events:read"));
        await ProblemAsync(await service.PostAsync(Feed, null), HttpStatusCode.Forbidden, "role_not_allowed");
        await ProblemAsync(await anonymous.PostAsync(Feed, null), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_specialists_feed_holds_their_slots_and_who_booked_them_and_nobody_elses()
    {
        var (specialist, other) = (NewSpecialist(), NewSpecialist());
        var open = Id(await CreateSlotAsync(specialist, days: 3, start: "09:00", end: "10:00", capacity: 2));
        var booked = Id(await CreateSlotAsync(specialist, days: 3, start: "11:00", end: "12:00"));
        var theirs = Id(await CreateSlotAsync(other, days: 3));
        var customer = $"feed-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, booked, customer)).StatusCode);
        using var owner = Factory.NewClient(Factory.Tokens.Specialist(specialist));
        var url = new Uri((await BodyAsync(await owner.PostAsync(Feed, null))).GetProperty("url").GetString()!);
        using var anonymous = Factory.NewClient(null);

        var response = await anonymous.GetAsync(url.PathAndQuery);

        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var calendar = Ical.Net.Calendar.Load(text)!;
        var events = calendar.Events.ToDictionary(e => e.Uid!);
        Assert.Equal(2, events.Count);
        Assert.Contains(events.Keys, uid => uid.StartsWith($"slot-{open}@", StringComparison.Ordinal));
        Assert.DoesNotContain(events.Keys, uid => uid.Contains(theirs.ToString(), StringComparison.Ordinal));
        var session = events.Single(e => e.Key.StartsWith($"slot-{booked}@", StringComparison.Ordinal)).Value;
        Assert.Equal($"Consulting session with Customer {customer}", session.Summary);
        Assert.Equal($"mailto:{customer}@customers.example", Assert.Single(session.Attendees).Value!.ToString());
        Assert.Equal(await Factory.ScalarAsync<DateTime>("SELECT starts_at FROM slots WHERE id = $1", booked), session.DtStart!.AsUtc);
        Assert.Equal("Open slot (2 seats)", events.Single(e => e.Key.StartsWith($"slot-{open}@", StringComparison.Ordinal)).Value.Summary);
        // Valid RFC 5545: what Ical.Net reads, it writes back to the same events.
        var again = Ical.Net.Calendar.Load(new CalendarSerializer().SerializeToString(calendar)!)!;
        Assert.Equal(events.Keys.Order(), again.Events.Select(e => e.Uid!).Order());
        Assert.Contains("BEGIN:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("METHOD:", text, StringComparison.Ordinal);

        // Unchanged, it is 304; a booking changes it.
        var tag = response.Headers.ETag!;
        Assert.Equal(HttpStatusCode.NotModified, (await SendRawAsync(anonymous, HttpMethod.Get, url.PathAndQuery, null, ("If-None-Match", tag.Tag))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, open, $"feed-{Guid.NewGuid():N}")).StatusCode);
        var changed = await SendRawAsync(anonymous, HttpMethod.Get, url.PathAndQuery, null, ("If-None-Match", tag.Tag));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(tag, changed.Headers.ETag);
        Assert.True(changed.Headers.CacheControl is { Private: true, NoCache: true }, $"Cache-Control: {changed.Headers.CacheControl}");
    }

    [Fact]
    public async Task A_customers_feed_holds_their_live_bookings_with_their_invites_uid_and_follows_a_move()
    {
        var customer = $"feed-{Guid.NewGuid():N}";
        using var client = Factory.NewClient(Factory.Tokens.Customer(customer));
        var (kept, cancelled, notMine) = (
            Id(await CreateSlotAsync(NewSpecialist(), days: 4)), Id(await CreateSlotAsync(NewSpecialist(), days: 5)), Id(await CreateSlotAsync(NewSpecialist(), days: 6)));
        var booking = (await BodyAsync(await client.PostAsJsonAsync($"{Base}/{kept}/book", new { }))).GetProperty("bookingId").GetGuid();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync($"{Base}/{cancelled}/book", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Base}/{cancelled}/book/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, notMine, $"someone-{Guid.NewGuid():N}")).StatusCode);
        var feed = await BodyAsync(await client.PostAsync(Feed, null));
        Assert.Equal("customer", feed.GetProperty("kind").GetString());
        var url = new Uri(feed.GetProperty("url").GetString()!).PathAndQuery;
        using var anonymous = Factory.NewClient(null);

        var session = Assert.Single(Ical.Net.Calendar.Load(await anonymous.GetStringAsync(url))!.Events);
        Assert.StartsWith($"booking-{booking}@", session.Uid, StringComparison.Ordinal);
        Assert.Equal(0, session.Sequence);

        Assert.Equal(HttpStatusCode.OK, (await Client.PutAsJsonAsync($"{Base}/{kept}", new { startTime = "12:00", endTime = "13:00" })).StatusCode);
        var moved = Assert.Single(Ical.Net.Calendar.Load(await anonymous.GetStringAsync(url))!.Events);
        Assert.Equal(session.Uid, moved.Uid);
        Assert.Equal(1, moved.Sequence);
        Assert.Equal(await Factory.ScalarAsync<DateTime>("SELECT starts_at FROM slots WHERE id = $1", kept), moved.DtStart!.AsUtc);
        Assert.Equal(12, moved.DtStart.AsUtc.Hour);
    }

    [Fact]
    public async Task Add_to_calendar_gives_the_booking_with_its_invites_uid_and_only_to_its_customer()
    {
        var (customer, other) = ($"ics-{Guid.NewGuid():N}", $"ics-{Guid.NewGuid():N}");
        using var client = Factory.NewClient(Factory.Tokens.Customer(customer));
        using var stranger = Factory.NewClient(Factory.Tokens.Customer(other));
        var slot = Id(await CreateSlotAsync(NewSpecialist(), days: 4, timezone: "Europe/Berlin"));
        var booking = (await BodyAsync(await client.PostAsJsonAsync($"{Base}/{slot}/book", new { }))).GetProperty("bookingId").GetGuid();

        var response = await client.GetAsync($"/api/me/bookings/{slot}/calendar");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var session = Assert.Single(Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!.Events);
        Assert.StartsWith($"booking-{booking}@", session.Uid, StringComparison.Ordinal);
        Assert.Equal(await Factory.ScalarAsync<DateTime>("SELECT starts_at FROM slots WHERE id = $1", slot), session.DtStart!.AsUtc);
        await ProblemAsync(await stranger.GetAsync($"/api/me/bookings/{slot}/calendar"), HttpStatusCode.NotFound, "booking_not_found");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Base}/{slot}/book/me")).StatusCode);
        await ProblemAsync(await client.GetAsync($"/api/me/bookings/{slot}/calendar"), HttpStatusCode.NotFound, "booking_not_found");
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%2B")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("%E0%A4%A")]
    public async Task A_token_that_opens_no_feed_is_404(string token)
    {
        using var anonymous = Factory.NewClient(null);

        await ProblemAsync(await anonymous.GetAsync($"/api/calendar/{token}.ics"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_feed_is_limited_per_token_and_per_address_and_its_token_is_not_logged_or_traced()
    {
        var logs = new CapturingLoggerProvider();
        var spans = new List<System.Diagnostics.Activity>();
        await using var api = Factory.WithWebHostBuilder(b => b
            .UseSetting("Slots:RateLimits:CalendarFeedReadsPerMinute", "2")
            .UseSetting("Slots:RateLimits:CalendarFeedsPerMinute", "4")
            .UseSetting("Slots:Telemetry:RequestLog", "true")
            .UseSetting("Slots:Telemetry:TraceSampleRatio", "1")
            .ConfigureLogging(logging => logging.AddProvider(logs))
            .ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))));
        using var one = SlotsApiFactory.ClientOf(api, Factory.Tokens.Customer($"limit-{Guid.NewGuid():N}"));
        using var two = SlotsApiFactory.ClientOf(api, Factory.Tokens.Customer($"limit-{Guid.NewGuid():N}"));
        var first = new Uri((await BodyAsync(await one.PostAsync(Feed, null))).GetProperty("url").GetString()!).PathAndQuery;
        var second = new Uri((await BodyAsync(await two.PostAsync(Feed, null))).GetProperty("url").GetString()!).PathAndQuery;
        using var anonymous = SlotsApiFactory.ClientOf(api);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(first)).StatusCode);
        var token = await ProblemAsync(await anonymous.GetAsync(first), HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Contains("this calendar feed", token.GetProperty("detail").GetString(), StringComparison.Ordinal);
        // The address's budget: four reads a minute, of any feed, the one its token refused included.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(second)).StatusCode);
        var address = await anonymous.GetAsync(second);
        await ProblemAsync(address, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(address.Headers.RetryAfter);

        var secret = first[(first.LastIndexOf('/') + 1)..^4];
        Assert.Contains(logs.Entries, e => e.Message.Contains("/api/calendar/{token}.ics", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(secret, StringComparison.Ordinal));
        Assert.Contains(Snapshot(spans), s => (s.GetTagItem("url.path") as string) == "/api/calendar/{token}.ics");
        Assert.DoesNotContain(Snapshot(spans), s => s.Tags.Any(t => t.Value?.Contains(secret, StringComparison.Ordinal) == true) || s.DisplayName.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Erasing_a_customer_turns_their_feed_off()
    {
        var customer = $"erase-feed-{Guid.NewGuid():N}";
        using var client = Factory.NewClient(Factory.Tokens.Customer(customer));
        var url = new Uri((await BodyAsync(await client.PostAsync(Feed, null))).GetProperty("url").GetString()!).PathAndQuery;
        using var anonymous = Factory.NewClient(null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(url)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Client.DeleteAsync($"/api/customers/{customer}/personal-data")).StatusCode);

        await ProblemAsync(await anonymous.GetAsync(url), HttpStatusCode.NotFound, "calendar_feed_not_found");
    }

    private static System.Diagnostics.Activity[] Snapshot(List<System.Diagnostics.Activity> spans)
    {
        lock (spans)
        {
            return [.. spans];
        }
    }
}
