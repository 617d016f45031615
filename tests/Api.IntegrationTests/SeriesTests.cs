using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Slots.Api.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Slots.Api.IntegrationTests;

/// <summary><c>POST /series</c>: a weekly pattern made into slots, its skips, its cap, its races and its bulk changes.</summary>
[Collection(ApiCollection.Name)]
public class SeriesTests(SlotsApiFactory factory, ITestOutputHelper output) : ApiTestBase(factory)
{
    private const string Series = Base + "/series";

    private static readonly string[] MondayToThursday = ["monday", "tuesday", "wednesday", "thursday"];

    [Fact]
    public async Task A_month_of_availability_in_one_request()
    {
        var specialist = NewSpecialist();
        var from = NextMonday(7);
        var response = await Client.PostAsJsonAsync(Series, Pattern(specialist, from, from.AddDays(27), MondayToThursday, slotMinutes: 60,
            windows: [("09:00", "12:00"), ("14:00", "17:00")], timezone: "Europe/Berlin", capacity: 3, serviceId: "svc-1"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await BodyAsync(response);
        var seriesId = body.GetProperty("seriesId").GetGuid();
        var created = body.GetProperty("created").EnumerateArray().ToList();
        Assert.Equal(4 * 4 * 6, created.Count);
        Assert.Equal(0, body.GetProperty("skipped").GetArrayLength());
        Assert.All(created, s =>
        {
            Assert.Equal(seriesId, s.GetProperty("seriesId").GetGuid());
            Assert.Equal("Europe/Berlin", s.GetProperty("timezone").GetString());
            Assert.Equal(3, s.GetProperty("totalCapacity").GetInt32());
            Assert.Equal("svc-1", s.GetProperty("serviceId").GetString());
            Assert.Contains(DateOnly.Parse(s.GetProperty("date").GetString()!, CultureInfo.InvariantCulture).DayOfWeek,
                new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday });
        });
        var firstDay = created.Where(s => s.GetProperty("date").GetString() == Text(from))
            .Select(s => $"{s.GetProperty("startTime").GetString()}-{s.GetProperty("endTime").GetString()}");
        Assert.Equal(["09:00-10:00", "10:00-11:00", "11:00-12:00", "14:00-15:00", "15:00-16:00", "16:00-17:00"], firstDay);

        // What the schedule stores is what the answer said, series id included; the Location lists the series.
        var stored = await ScheduleAsync(specialist);
        Assert.Equal(created.Select(s => s.ToString()).Order(), stored.Select(s => s.ToString()).Order());
        Assert.Equal($"{Series}/{seriesId}", response.Headers.Location?.ToString());
        var listed = await BodyAsync(await Client.GetAsync(response.Headers.Location));
        Assert.Equal(created.Select(s => s.ToString()), listed.EnumerateArray().Select(s => s.ToString()));
        // One event for the whole series, naming every slot made; none per slot.
        Assert.Equal(created.Select(Id).Order(), await SeriesEventSlotsAsync("slots.series.created", seriesId));
        Assert.Equal(0, await Factory.ScalarAsync<long>(
            "SELECT count(*) FROM events WHERE subject = ANY($1)", created.Select(Id).ToArray()));
    }

    /// <summary>The slot ids of the one event of <paramref name="type"/> about the series, in order.</summary>
    private async Task<IEnumerable<Guid>> SeriesEventSlotsAsync(string type, Guid seriesId) =>
        (await Factory.ScalarAsync<Guid[]>(
            "SELECT array_agg(s::uuid ORDER BY s) FROM events e, json_array_elements_text(e.data -> 'slotIds') s WHERE e.type = $1 AND e.subject = $2 GROUP BY e.id",
            type, seriesId)).Order();

    [Fact]
    public async Task Gaps_between_slots_and_the_last_slot_that_fits()
    {
        var from = NextMonday(7);
        var body = await CreatedAsync(Pattern(NewSpecialist(), from, from, ["monday"], slotMinutes: 45, gapMinutes: 15,
            windows: [("09:00", "11:50")]));

        var times = body.GetProperty("created").EnumerateArray()
            .Select(s => $"{s.GetProperty("startTime").GetString()}-{s.GetProperty("endTime").GetString()}");
        Assert.Equal(["09:00-09:45", "10:00-10:45", "11:00-11:45"], times);
    }

    [Fact]
    public async Task Local_times_stay_local_across_both_dst_changes_and_the_gap_is_skipped()
    {
        // New York, next year: the week of the March change (the second Sunday) and of the November one (the first).
        var year = Factory.Clock.GetUtcNow().Year + 1;
        var march = SecondSunday(year, 3);
        var specialist = NewSpecialist();
        var spring = await CreatedAsync(Pattern(specialist, march.AddDays(-1), march.AddDays(1), ["saturday", "sunday", "monday"],
            slotMinutes: 60, windows: [("01:00", "04:00"), ("09:00", "10:00")], timezone: "America/New_York"));

        var nine = spring.GetProperty("created").EnumerateArray().Where(s => s.GetProperty("startTime").GetString() == "09:00")
            .ToDictionary(s => s.GetProperty("date").GetString()!, s => s.GetProperty("startsAt").GetDateTime());
        Assert.Equal(14, nine[Text(march.AddDays(-1))].Hour); // EST, UTC-5
        Assert.Equal(13, nine[Text(march)].Hour);             // EDT, UTC-4
        Assert.Equal(13, nine[Text(march.AddDays(1))].Hour);
        // 01:00-02:00 ends at a time that does not exist, 02:00-03:00 starts at one: a single create refuses both.
        var skipped = spring.GetProperty("skipped").EnumerateArray()
            .Select(s => $"{s.GetProperty("date").GetString()} {s.GetProperty("startTime").GetString()}-{s.GetProperty("endTime").GetString()} {s.GetProperty("reason").GetString()}");
        Assert.Equal([$"{Text(march)} 01:00-02:00 nonexistent_local_time", $"{Text(march)} 02:00-03:00 nonexistent_local_time"], skipped);
        Assert.Equal((3 * 4) - 2, spring.GetProperty("created").GetArrayLength());

        var november = SecondSunday(year, 11).AddDays(-7);
        var autumn = await CreatedAsync(Pattern(specialist, november, november, ["sunday"], slotMinutes: 60,
            windows: [("00:00", "03:00"), ("09:00", "10:00")], timezone: "America/New_York"));
        var slots = autumn.GetProperty("created").EnumerateArray().ToDictionary(
            s => s.GetProperty("startTime").GetString()!, s => (Starts: s.GetProperty("startsAt").GetDateTime(), Minutes: s.GetProperty("duration").GetInt32()));
        Assert.Equal(14, slots["09:00"].Starts.Hour); // EST again
        Assert.Equal(120, slots["01:00"].Minutes);     // 01:00 EDT to 02:00 EST: the hour that happens twice is in it
        Assert.Equal(0, autumn.GetProperty("skipped").GetArrayLength());
    }

    [Fact]
    public async Task Slots_that_overlap_existing_ones_or_have_started_are_skipped_with_their_reason()
    {
        var specialist = NewSpecialist();
        var existing = await CreateSlotAsync(specialist, days: 2, start: "10:30", end: "11:30");
        var today = Today;
        var body = await CreatedAsync(Pattern(specialist, today.AddDays(-2), today.AddDays(3), AllDays, slotMinutes: 60,
            windows: [("10:00", "12:00")]));

        var skipped = body.GetProperty("skipped").EnumerateArray()
            .Select(s => (Date: DateOnly.Parse(s.GetProperty("date").GetString()!, CultureInfo.InvariantCulture),
                Start: s.GetProperty("startTime").GetString(), Reason: s.GetProperty("reason").GetString()))
            .ToList();
        Assert.Contains((today.AddDays(2), "10:00", "slot_overlaps"), skipped);
        Assert.Contains((today.AddDays(2), "11:00", "slot_overlaps"), skipped);
        Assert.Contains((today.AddDays(-2), "10:00", "start_not_in_future"), skipped);
        Assert.Contains((today.AddDays(-1), "11:00", "start_not_in_future"), skipped);
        Assert.All(skipped.Where(s => s.Date > today), s => Assert.Equal("slot_overlaps", s.Reason));
        Assert.All(skipped.Where(s => s.Date < today), s => Assert.Equal("start_not_in_future", s.Reason));
        Assert.DoesNotContain(body.GetProperty("created").EnumerateArray(), s => DateOnly.Parse(
            s.GetProperty("date").GetString()!, CultureInfo.InvariantCulture) < today);
        Assert.Equal(12, body.GetProperty("created").GetArrayLength() + skipped.Count);
        Assert.Equal(Id(existing), Id((await ScheduleAsync(specialist)).Single(s => !s.TryGetProperty("seriesId", out var id)
            || id.ValueKind == JsonValueKind.Null)));
    }

    [Fact]
    public async Task A_dry_run_answers_the_same_and_writes_nothing()
    {
        var specialist = NewSpecialist();
        var from = NextMonday(7);
        await CreateSlotAsync(specialist, days: from.DayNumber - Today.DayNumber + 1, start: "09:00", end: "09:30");
        var pattern = Pattern(specialist, from, from.AddDays(6), AllDays, slotMinutes: 30, windows: [("09:00", "10:00")]);

        var preview = await Client.PostAsJsonAsync($"{Series}?dryRun=true", pattern);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var dry = await BodyAsync(preview);
        Assert.Equal(JsonValueKind.Null, dry.GetProperty("seriesId").ValueKind);
        Assert.Single(await ScheduleAsync(specialist));
        Assert.Equal(0, await Factory.ScalarAsync<long>(
            "SELECT count(*) FROM events WHERE type = 'slots.series.created' AND data::jsonb -> 'slotIds' ?| $1",
            (object)dry.GetProperty("created").EnumerateArray().Select(s => Id(s).ToString()).ToArray()));

        var real = await CreatedAsync(pattern);
        Assert.Equal(Times(dry.GetProperty("created")), Times(real.GetProperty("created")));
        Assert.Equal(dry.GetProperty("skipped").ToString(), real.GetProperty("skipped").ToString());
        Assert.Equal(13, real.GetProperty("created").GetArrayLength());
        Assert.Equal(14, (await ScheduleAsync(specialist)).Count);
    }

    [Fact]
    public async Task Five_hundred_slots_is_the_cap_and_the_answer_above_it_says_how_many()
    {
        var from = NextMonday(7);
        // 25 days x 20 slots = 500; one more day makes 520.
        var windows = new[] { ("08:00", "18:00") };
        var tooMany = await Client.PostAsJsonAsync(Series, Pattern(NewSpecialist(), from, from.AddDays(25), AllDays, slotMinutes: 30, windows: windows));
        var problem = await ProblemAsync(tooMany, HttpStatusCode.BadRequest, "series_too_large");
        Assert.Contains("520", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var specialist = NewSpecialist();
        var clock = Stopwatch.StartNew();
        var response = await Client.PostAsJsonAsync(Series, Pattern(specialist, from, from.AddDays(24), AllDays, slotMinutes: 30, windows: windows));
        var elapsed = clock.Elapsed;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(500, (await BodyAsync(response)).GetProperty("created").GetArrayLength());
        Assert.Equal(500, await Factory.ScalarAsync<long>("SELECT count(*) FROM slots WHERE specialist_email = $1", specialist));
        // A figure, not a bound: ./slots bench measures it against a baseline.
        output.WriteLine($"500-slot series created in {elapsed.TotalMilliseconds:F0} ms");
    }

    [Theory]
    [InlineData("""{"from":"{F}","to":"{T}","weekdays":["funday"],"windows":[{"startTime":"09:00","endTime":"10:00"}],"slotMinutes":30}""", "weekdays[0]")]
    [InlineData("""{"from":"{F}","to":"{T}","weekdays":["monday","monday"],"windows":[{"startTime":"09:00","endTime":"10:00"}],"slotMinutes":30}""", "weekdays")]
    [InlineData("""{"from":"{F}","to":"{T}","weekdays":[],"windows":[{"startTime":"09:00","endTime":"10:00"}],"slotMinutes":30}""", "weekdays")]
    [InlineData("""{"from":"{F}","to":"{T}","weekdays":["monday"],"windows":[],"slotMinutes":30}""", "windows")]
    [InlineData("""{"from":"{F}","to":"{T}","weekdays":["monday"],"windows":[{"startTime":"9:00","endTime":"10:00"}],"slotMinutes":30}""", "windows[0].startTime")]
    [InlineData("""{"from":"{F}","to":"{T}","weekdays":["monday"],"windows":[{"startTime":"10:00","endTime":"09:00"}],"slotMinutes":30}""", "windows")]
    [InlineData("""{"from":"{F}","to":"{T}","weekdays":["monday"],"windows":[{"startTime":"09:00","endTime":"10:00"},{"startTime":"09:30","endTime":"11:00"}],"slotMinutes":30}""", "windows")]
    [InlineData("""{"from":"{F}","to":"{T}","weekdays":["monday"],"windows":[{"startTime":"09:00","endTime":"09:20"}],"slotMinutes":30}""", "windows")]
    [InlineData("""{"from":"{F}","to":"{T}","weekdays":["monday"],"windows":[{"startTime":"09:00","endTime":"10:00"}],"slotMinutes":0}""", "slotMinutes")]
    [InlineData("""{"from":"{F}","to":"{T}","weekdays":["monday"],"windows":[{"startTime":"09:00","endTime":"10:00"}],"slotMinutes":1440}""", "slotMinutes")]
    [InlineData("""{"from":"{F}","to":"{T}","weekdays":["monday"],"windows":[{"startTime":"09:00","endTime":"10:00"}]}""", "slotMinutes")]
    [InlineData("""{"from":"{F}","to":"{T}","weekdays":["monday"],"windows":[{"startTime":"09:00","endTime":"10:00"}],"slotMinutes":30,"gapMinutes":-1}""", "gapMinutes")]
    [InlineData("""{"from":"{F}","to":"{T}","weekdays":["monday"],"windows":[{"startTime":"09:00","endTime":"10:00"}],"slotMinutes":2147483648}""", "slotMinutes")]
    [InlineData("""{"from":"{T}","to":"{F}","weekdays":["monday"],"windows":[{"startTime":"09:00","endTime":"10:00"}],"slotMinutes":30}""", "to")]
    [InlineData("""{"from":"{F}","to":"{FAR}","weekdays":["monday"],"windows":[{"startTime":"09:00","endTime":"10:00"}],"slotMinutes":30}""", "to")]
    [InlineData("""{"from":"1969-12-31","to":"{T}","weekdays":["monday"],"windows":[{"startTime":"09:00","endTime":"10:00"}],"slotMinutes":30}""", "from")]
    [InlineData("""{"from":"{F}","to":"{T}","weekdays":["monday"],"windows":[{"startTime":"09:00","endTime":"10:00"}],"slotMinutes":30,"totalCapacity":1001}""", "totalCapacity")]
    [InlineData("""{"from":"{F}","to":"{T}","weekdays":["monday"],"windows":[{"startTime":"09:00","endTime":"10:00"}],"slotMinutes":30,"timezone":"Mars/Olympus"}""", "timezone")]
    [InlineData("""{"from":"{F}","to":"{T}","weekdays":["monday"],"windows":null,"slotMinutes":30}""", "windows")]
    [InlineData("""{"from":"{F}","to":"{T}","weekdays":["monday"],"windows":[null],"slotMinutes":30}""", "windows[0]")]
    public async Task A_bad_pattern_is_a_400_naming_its_field(string template, string field)
    {
        var today = Today;
        var json = template.Replace("{F}", Text(today.AddDays(7)), StringComparison.Ordinal)
            .Replace("{T}", Text(today.AddDays(20)), StringComparison.Ordinal)
            .Replace("{FAR}", Text(today.AddDays(731)), StringComparison.Ordinal)
            .Replace("{\"from\"", $"{{\"specialistEmail\":\"{NewSpecialist()}\",\"specialistId\":\"sub-x\",\"from\"", StringComparison.Ordinal);

        var response = await Client.PostAsync(Series, Json(json));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
    }

    [Fact]
    public async Task A_range_beyond_the_horizon_is_refused_but_the_last_day_is_fine()
    {
        var today = Today;
        var last = today.AddDays(730);
        var body = await CreatedAsync(Pattern(NewSpecialist(), last.AddDays(-6), last, AllDays, slotMinutes: 60, windows: [("12:00", "13:00")],
            timezone: "Pacific/Kiritimati"));
        Assert.Equal(7, body.GetProperty("created").GetArrayLength());
    }

    [Fact]
    public async Task Series_and_single_creates_racing_for_the_same_times_make_each_slot_once()
    {
        var specialist = NewSpecialist();
        var from = NextMonday(14);
        var pattern = Pattern(specialist, from, from.AddDays(6), AllDays, slotMinutes: 60, windows: [("09:00", "13:00")]);
        using var start = new SemaphoreSlim(0);
        var series = Enumerable.Range(0, 4).Select(async _ =>
        {
            await start.WaitAsync();
            return await Client.PostAsJsonAsync(Series, pattern);
        }).ToList();
        var singles = Enumerable.Range(0, 7).Select(async day =>
        {
            await start.WaitAsync();
            return await Client.PostAsJsonAsync(Base, new
            {
                specialistEmail = specialist,
                specialistId = $"sub-{specialist}",
                date = Text(from.AddDays(day)),
                startTime = "10:30",
                endTime = "11:30",
            });
        }).ToList();
        start.Release(series.Count + singles.Count);

        var seriesAnswers = await Task.WhenAll(series);
        var singleAnswers = await Task.WhenAll(singles);

        Assert.All(seriesAnswers, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.All(singleAnswers, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        var created = 0;
        foreach (var answer in seriesAnswers)
        {
            var body = await BodyAsync(answer);
            created += body.GetProperty("created").GetArrayLength();
            Assert.Equal(28, body.GetProperty("created").GetArrayLength() + body.GetProperty("skipped").GetArrayLength());
        }

        var stored = await ScheduleAsync(specialist);
        Assert.Equal(created + singleAnswers.Count(r => r.StatusCode == HttpStatusCode.Created), stored.Count);
        // The stored slots never overlap (the schedule is in start order).
        for (var i = 1; i < stored.Count; i++)
        {
            Assert.True(stored[i - 1].GetProperty("endsAt").GetDateTime() <= stored[i].GetProperty("startsAt").GetDateTime());
        }

        // Every hour of the pattern is covered: by a series slot, or by a single slot that took its place.
        foreach (var day in Enumerable.Range(0, 7))
        {
            var date = Text(from.AddDays(day));
            var minutes = stored.Where(s => s.GetProperty("date").GetString() == date).Sum(s => s.GetProperty("duration").GetInt32());
            Assert.True(minutes >= 180, $"{date}: {minutes} minutes");
        }
    }

    [Fact]
    public async Task A_series_with_an_idempotency_key_is_made_once()
    {
        var specialist = NewSpecialist();
        var from = NextMonday(7);
        var pattern = JsonSerializer.Serialize(Pattern(specialist, from, from.AddDays(6), AllDays, slotMinutes: 60, windows: [("09:00", "11:00")]));
        var first = await SendRawAsync(Client, HttpMethod.Post, Series, pattern, ("Idempotency-Key", "series-1"));
        var again = await SendRawAsync(Client, HttpMethod.Post, Series, pattern, ("Idempotency-Key", "series-1"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((await BodyAsync(first)).ToString(), (await BodyAsync(again)).ToString());
        Assert.Equal(14, (await ScheduleAsync(specialist)).Count);
    }

    /// <summary>
    /// A preview with a key keeps no answer under it: a second preview sees the schedule as it is then (a slot made in
    /// between), and the real request with the same key makes the series.
    /// </summary>
    [Fact]
    public async Task A_preview_keeps_no_answer_under_its_idempotency_key()
    {
        var specialist = NewSpecialist();
        var from = NextMonday(7);
        var pattern = JsonSerializer.Serialize(Pattern(specialist, from, from, ["monday"], slotMinutes: 60, windows: [("09:00", "11:00")]));
        var key = $"preview-{Guid.NewGuid():N}";

        var first = await BodyAsync(await SendRawAsync(Client, HttpMethod.Post, $"{Series}?dryRun=true", pattern, ("Idempotency-Key", key)));
        await CreateSlotAsync(specialist, days: from.DayNumber - Today.DayNumber, start: "09:00", end: "10:00");
        var second = await SendRawAsync(Client, HttpMethod.Post, $"{Series}?dryRun=true", pattern, ("Idempotency-Key", key));
        var real = await SendRawAsync(Client, HttpMethod.Post, Series, pattern, ("Idempotency-Key", key));

        Assert.Equal(2, first.GetProperty("created").GetArrayLength());
        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, (await BodyAsync(second)).GetProperty("created").GetArrayLength());
        Assert.Equal(HttpStatusCode.Created, real.StatusCode);
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM idempotency_keys WHERE key = $1", key));
    }

    [Fact]
    public async Task Deactivating_a_series_changes_its_future_slots_in_one_operation()
    {
        var specialist = NewSpecialist();
        var from = NextMonday(7);
        var made = await CreatedAsync(Pattern(specialist, from, from.AddDays(6), ["monday", "friday"], slotMinutes: 60, windows: [("09:00", "12:00")]));
        var seriesId = made.GetProperty("seriesId").GetGuid();
        var other = await CreateSlotAsync(specialist, days: 30);
        var owner = Factory.NewClient(Factory.Tokens.Specialist(specialist));

        var off = await owner.PutAsJsonAsync($"{Series}/{seriesId}", new { status = "inactive" });

        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        var body = await BodyAsync(off);
        Assert.Equal(6, body.GetProperty("changed").GetInt32());
        Assert.All(body.GetProperty("slots").EnumerateArray(), s => Assert.Equal("inactive", s.GetProperty("status").GetString()));
        var available = await BodyAsync(await Client.GetAsync($"{Available(specialist)}?endDate={Day(60)}"));
        Assert.Equal([Id(other)], available.EnumerateArray().Select(Id));
        Assert.Equal(made.GetProperty("created").EnumerateArray().Select(Id).Order(), await SeriesEventSlotsAsync("slots.series.changed", seriesId));
        Assert.Equal("inactive", await Factory.ScalarAsync<string>(
            "SELECT data ->> 'status' FROM events WHERE type = 'slots.series.changed' AND subject = $1", seriesId));

        var again = await BodyAsync(await owner.PutAsJsonAsync($"{Series}/{seriesId}", new { status = "inactive" }));
        Assert.Equal(0, again.GetProperty("changed").GetInt32());
        var on = await BodyAsync(await owner.PutAsJsonAsync($"{Series}/{seriesId}", new { status = "active" }));
        Assert.Equal(6, on.GetProperty("changed").GetInt32());
        // No change, no event: two in all, the second with the status the slots now have.
        Assert.Equal(["inactive", "active"], await Factory.ScalarAsync<string[]>(
            "SELECT array_agg(data ->> 'status' ORDER BY tx, seq) FROM events WHERE type = 'slots.series.changed' AND subject = $1", seriesId));
        Assert.Equal(7, (await BodyAsync(await Client.GetAsync($"{Available(specialist)}?endDate={Day(60)}"))).GetArrayLength());
    }

    [Fact]
    public async Task Deleting_a_series_keeps_its_booked_slots_and_says_which()
    {
        var specialist = NewSpecialist();
        var from = NextMonday(7);
        var made = await CreatedAsync(Pattern(specialist, from, from, ["monday"], slotMinutes: 60, windows: [("09:00", "12:00")]));
        var seriesId = made.GetProperty("seriesId").GetGuid();
        var booked = Id(made.GetProperty("created")[1]);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, booked, "cust-series")).StatusCode);

        var response = await Factory.NewClient(Factory.Tokens.Specialist(specialist)).DeleteAsync($"{Series}/{seriesId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.Equal(2, body.GetProperty("deleted").GetArrayLength());
        Assert.Equal(booked, Id(Assert.Single(body.GetProperty("kept").EnumerateArray())));
        Assert.Equal([booked], (await ScheduleAsync(specialist)).Select(Id));
        Assert.Equal(body.GetProperty("deleted").EnumerateArray().Select(e => e.GetGuid()).Order(), await SeriesEventSlotsAsync("slots.series.deleted", seriesId));
    }

    [Fact]
    public async Task Only_the_series_specialist_or_an_admin_may_change_it()
    {
        var specialist = NewSpecialist();
        var from = NextMonday(7);
        var made = await CreatedAsync(Pattern(specialist, from, from, ["monday"], slotMinutes: 60, windows: [("09:00", "10:00")]));
        var url = $"{Series}/{made.GetProperty("seriesId").GetGuid()}";

        var stranger = Factory.NewClient(Factory.Tokens.Specialist(NewSpecialist()));
        await ProblemAsync(await stranger.PutAsJsonAsync(url, new { status = "inactive" }), HttpStatusCode.NotFound, "series_not_found");
        await ProblemAsync(await stranger.DeleteAsync(url), HttpStatusCode.NotFound, "series_not_found");
        await ProblemAsync(await stranger.GetAsync(url), HttpStatusCode.NotFound, "series_not_found");
        var customer = Factory.NewClient(Factory.Tokens.Customer("cust-nosy"));
        await ProblemAsync(await customer.DeleteAsync(url), HttpStatusCode.Forbidden, "role_not_allowed");
        await ProblemAsync(await Client.DeleteAsync($"{Series}/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "series_not_found");
        await ProblemAsync(await Client.PutAsJsonAsync(url, new { status = "paused" }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Single(await ScheduleAsync(specialist));
    }

    [Fact]
    public async Task A_specialist_publishes_their_own_series_only()
    {
        var specialist = NewSpecialist();
        var own = Factory.NewClient(Factory.Tokens.Specialist(specialist));
        var from = NextMonday(7);
        var mine = await own.PostAsJsonAsync(Series, new
        {
            from = Text(from), to = Text(from), weekdays = new[] { "monday" },
            windows = new[] { new { startTime = "09:00", endTime = "10:00" } }, slotMinutes = 30,
        });
        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
        var theirs = await own.PostAsJsonAsync(Series, new
        {
            specialistEmail = NewSpecialist(), from = Text(from), to = Text(from), weekdays = new[] { "monday" },
            windows = new[] { new { startTime = "09:00", endTime = "10:00" } }, slotMinutes = 30,
        });
        await ProblemAsync(theirs, HttpStatusCode.Forbidden, "not_yourself");
    }

    /// <summary>
    /// With a bulk budget of 10 slots an hour: a series of 8 is made, one of 4 more is refused with 429 and writes nothing,
    /// a preview costs nothing, deleting the 8 costs 8 and is refused too; an admin is not limited. Each answer that spent
    /// from the budget, or was refused by it, says what is left of it (a token back every 6 minutes: 2 left, all back in 48).
    /// </summary>
    [Fact]
    public async Task A_series_costs_the_rate_limit_a_token_per_slot_it_writes()
    {
        await using var api = Factory.WithWebHostBuilder(b => b.UseSetting("Slots:RateLimits:BulkSlotsPerHour", "10"));
        var specialist = NewSpecialist();
        using var owner = SlotsApiFactory.ClientOf(api, Factory.Tokens.Specialist(specialist));
        var from = NextMonday(7);
        var eight = Pattern(specialist, from, from.AddDays(3), AllDays, slotMinutes: 60, windows: [("09:00", "11:00")]);
        var four = Pattern(specialist, from.AddDays(7), from.AddDays(10), AllDays, slotMinutes: 60, windows: [("09:00", "10:00")]);

        var made = await owner.PostAsJsonAsync(Series, eight);
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var seriesId = (await BodyAsync(made)).GetProperty("seriesId").GetGuid();
        var refused = await owner.PostAsJsonAsync(Series, four);
        var problem = await ProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Contains("this request writes 4", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Equal(8, (await ScheduleAsync(specialist)).Count);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync($"{Series}?dryRun=true", four)).StatusCode);
        var deleteRefused = await owner.DeleteAsync($"{Series}/{seriesId}");
        await ProblemAsync(deleteRefused, HttpStatusCode.TooManyRequests, "rate_limited");
        foreach (var answer in new[] { made, refused, deleteRefused })
        {
            Assert.EndsWith(", \"bulk-slots\";q=10;w=3600", HeaderOf(answer, "RateLimit-Policy"), StringComparison.Ordinal);
            Assert.EndsWith(", \"bulk-slots\";r=2;t=2880", HeaderOf(answer, "RateLimit"), StringComparison.Ordinal);
        }

        Assert.Equal(8, (await ScheduleAsync(specialist)).Count);
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(*) FROM events WHERE type LIKE 'slots.series.%' AND subject = $1", seriesId));

        using var admin = SlotsApiFactory.ClientOf(api, Factory.Tokens.Admin());
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync(Series, four)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"{Series}/{seriesId}")).StatusCode);
    }

    private static readonly string[] AllDays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    private static object Pattern(
        string specialist, DateOnly from, DateOnly to, string[] weekdays, int slotMinutes, (string Start, string End)[] windows,
        int gapMinutes = 0, string timezone = "UTC", int capacity = 1, string? serviceId = null) => new
        {
            specialistEmail = specialist,
            specialistId = $"sub-{specialist}",
            from = Text(from),
            to = Text(to),
            weekdays,
            windows = windows.Select(w => new { startTime = w.Start, endTime = w.End }).ToArray(),
            slotMinutes,
            gapMinutes,
            totalCapacity = capacity,
            timezone,
            serviceId,
        };

    private async Task<JsonElement> CreatedAsync(object pattern)
    {
        var response = await Client.PostAsJsonAsync(Series, pattern);
        var body = await BodyAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body;
    }

    private async Task<List<JsonElement>> ScheduleAsync(string specialist) =>
        [.. (await BodyAsync(await Client.GetAsync($"{Schedule(specialist)}?limit=100"))).EnumerateArray()];

    private static string[] Times(JsonElement slots) =>
        [.. slots.EnumerateArray().Select(s => $"{s.GetProperty("date").GetString()} {s.GetProperty("startTime").GetString()}")];

    private DateOnly Today => DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime);

    private DateOnly NextMonday(int daysAhead)
    {
        var day = Today.AddDays(daysAhead);
        return day.AddDays(((int)DayOfWeek.Monday - (int)day.DayOfWeek + 7) % 7);
    }

    private static DateOnly SecondSunday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((7 - (int)first.DayOfWeek) % 7) + 7);
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
