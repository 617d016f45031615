using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// Who a customer is booking: a specialist's public profile (anyone reads it, the specialist writes it, an unknown address
/// is 404), every field at and past its limits, and the directory: profiles only, those with a bookable slot first, filtered
/// by service and by text, paged without loss.
/// </summary>
[Collection(ApiCollection.Name)]
public class ProfileTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    private static string ProfileOf(string specialist) => $"/api/specialists/{specialist}";

    [Fact]
    public async Task Anyone_reads_a_profile_the_specialist_saves_it_and_an_unknown_address_is_404()
    {
        var specialist = NewSpecialist();
        using var anonymous = Factory.NewClient(null);
        using var owner = Factory.NewClient(SignedIn(specialist, "Ann Weber"));
        using var impostor = Factory.NewClient(Factory.Tokens.Specialist(specialist, subject: "another-account"));
        using var customer = Factory.NewClient(Factory.Tokens.Customer("profile-reader"));

        await ProblemAsync(await anonymous.GetAsync(ProfileOf(specialist)), HttpStatusCode.NotFound, "specialist_not_found");
        await ProblemAsync(await Client.PutAsJsonAsync(ProfileOf(specialist), new { displayName = "Ann" }), HttpStatusCode.NotFound, "specialist_not_found");

        // Saved without a name, the profile takes the sign-in name; the address is found in any case.
        var saved = await owner.PutAsJsonAsync(ProfileOf(specialist), new
        {
            introduction = "Career coach.\r\nSessions in English.",
            timezone = "Europe/Berlin",
            services = new[] { new { id = "career", title = " Career coaching ", durationMinutes = 60, description = "One to one." } },
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var read = await BodyAsync(await anonymous.GetAsync(ProfileOf(specialist.ToUpperInvariant())));
        Assert.Equal(specialist, read.GetProperty("email").GetString());
        Assert.Equal("Ann Weber", read.GetProperty("displayName").GetString());
        Assert.Equal("Career coach.\nSessions in English.", read.GetProperty("introduction").GetString());
        Assert.Equal("Europe/Berlin", read.GetProperty("timezone").GetString());
        var service = Assert.Single(read.GetProperty("services").EnumerateArray());
        Assert.Equal(("career", "Career coaching", 60, "One to one."), (
            service.GetProperty("id").GetString(), service.GetProperty("title").GetString(),
            service.GetProperty("durationMinutes").GetInt32(), service.GetProperty("description").GetString()));
        Assert.Equal(read.GetRawText(), (await BodyAsync(saved)).GetRawText());

        await ProblemAsync(await impostor.PutAsJsonAsync(ProfileOf(specialist), new { displayName = "Not Ann" }), HttpStatusCode.Conflict, "handle_taken");
        await ProblemAsync(await customer.PutAsJsonAsync(ProfileOf(specialist), new { displayName = "Not Ann" }), HttpStatusCode.Forbidden, "role_not_allowed");
        await ProblemAsync(await owner.PutAsJsonAsync(ProfileOf(NewSpecialist()), new { displayName = "Ann" }), HttpStatusCode.Forbidden, "not_yourself");
        await ProblemAsync(await anonymous.PutAsJsonAsync(ProfileOf(specialist), new { displayName = "Ann" }), HttpStatusCode.Unauthorized, "unauthenticated");

        // A PUT replaces the profile whole. An admin names the specialist: an admin has no sign-in name to lend.
        await ProblemAsync(await Client.PutAsJsonAsync(ProfileOf(specialist), new { }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(HttpStatusCode.OK, (await Client.PutAsJsonAsync(ProfileOf(specialist), new { displayName = "Dr. Ann Weber" })).StatusCode);
        read = await BodyAsync(await anonymous.GetAsync(ProfileOf(specialist)));
        Assert.Equal("Dr. Ann Weber", read.GetProperty("displayName").GetString());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("introduction").ValueKind);
        Assert.Equal(JsonValueKind.Null, read.GetProperty("timezone").ValueKind);
        Assert.Empty(read.GetProperty("services").EnumerateArray());

        // A specialist known by a first slot, with no profile saved, is found, nameless.
        var newcomer = NewSpecialist();
        await CreateSlotAsync(newcomer, days: 2);
        var bare = await BodyAsync(await anonymous.GetAsync(ProfileOf(newcomer)));
        Assert.Equal(JsonValueKind.Null, bare.GetProperty("displayName").ValueKind);
        Assert.Empty(bare.GetProperty("services").EnumerateArray());
    }

    public static TheoryData<string> BadProfiles() => new()
    {
        """{"displayName": ""}""",
        """{"displayName": "   "}""",
        $$"""{"displayName": "{{new string('n', 101)}}"}""",
        """{"displayName": "Ann\nWeber"}""",
        """{"displayName": "Ann\u202EWeber"}""",
        """{"displayName": 7}""",
        $$"""{"introduction": "{{new string('i', 2001)}}"}""",
        """{"introduction": "Hello\u0000"}""",
        """{"introduction": "Hello\u200B"}""",
        """{"introduction": "\uD800"}""",
        """{"timezone": "Mars/Olympus_Mons"}""",
        """{"timezone": "Pacific Standard Time"}""",
        $$"""{"timezone": "{{new string('z', 65)}}"}""",
        """{"timezone": ""}""",
        """{"services": "career"}""",
        """{"services": {}}""",
        """{"services": [null]}""",
        $$"""{"services": [{{string.Join(", ", Enumerable.Range(0, 21).Select(i => $$"""{"id": "s{{i}}", "title": "S{{i}}"}"""))}}]}""",
        """{"services": [{"id": "a", "title": "A"}, {"id": "a", "title": "B"}]}""",
        """{"services": [{"id": "", "title": "A"}]}""",
        $$"""{"services": [{"id": "{{new string('x', 129)}}", "title": "A"}]}""",
        """{"services": [{"id": "a"}]}""",
        """{"services": [{"title": "A"}]}""",
        $$"""{"services": [{"id": "a", "title": "{{new string('t', 101)}}"}]}""",
        """{"services": [{"id": "a", "title": "A", "durationMinutes": 4}]}""",
        """{"services": [{"id": "a", "title": "A", "durationMinutes": 1441}]}""",
        """{"services": [{"id": "a", "title": "A", "durationMinutes": 2147483648}]}""",
        """{"services": [{"id": "a", "title": "A", "durationMinutes": -2147483649}]}""",
        """{"services": [{"id": "a", "title": "A", "durationMinutes": "60"}]}""",
        """{"services": [{"id": "a", "title": "A", "durationMinutes": 30.5}]}""",
        $$"""{"services": [{"id": "a", "title": "A", "description": "{{new string('d', 501)}}"}]}""",
        """{"services": [{"id": "a", "title": "A", "description": "two\nlines"}]}""",
        """[]""",
        """null""",
    };

    [Theory]
    [MemberData(nameof(BadProfiles))]
    public async Task A_bad_profile_is_a_clear_400_and_changes_nothing(string body)
    {
        var specialist = NewSpecialist();
        using var owner = Factory.NewClient(SignedIn(specialist, "Kept Name"));
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync(ProfileOf(specialist), new { introduction = "Kept." })).StatusCode);

        var refused = await owner.PutAsync(ProfileOf(specialist), Json(body));

        var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        var kept = await BodyAsync(await owner.GetAsync(ProfileOf(specialist)));
        Assert.Equal(("Kept Name", "Kept."), (kept.GetProperty("displayName").GetString(), kept.GetProperty("introduction").GetString()));
    }

    [Fact]
    public async Task Every_field_at_its_limit_is_taken()
    {
        var specialist = NewSpecialist();
        using var owner = Factory.NewClient(SignedIn(specialist, "Limits"));
        var services = Enumerable.Range(0, 20).Select(i => new
        {
            id = i == 0 ? new string('x', 128) : $"s{i}",
            title = new string('t', 100),
            durationMinutes = i % 2 == 0 ? 5 : 1440,
            description = new string('d', 500),
        }).ToArray();
        var introduction = string.Join("\n", Enumerable.Repeat(new string('i', 99), 20)) + "\u00e9"; // 2,000 characters
        Assert.Equal(2000, introduction.Length);

        foreach (var zone in new[] { "Pacific/Kiritimati", "Etc/GMT+12", "Pacific/Chatham", "America/Argentina/Rio_Gallegos" })
        {
            var saved = await owner.PutAsJsonAsync(ProfileOf(specialist), new { displayName = new string('n', 100), introduction, timezone = zone, services });
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            var read = await BodyAsync(await owner.GetAsync(ProfileOf(specialist)));
            Assert.Equal(zone, read.GetProperty("timezone").GetString());
            Assert.Equal(introduction, read.GetProperty("introduction").GetString());
            Assert.Equal(20, read.GetProperty("services").GetArrayLength());
            Assert.Equal(new string('x', 128), read.GetProperty("services")[0].GetProperty("id").GetString());
        }
    }

    [Fact]
    public async Task The_directory_lists_profiles_with_a_free_slot_first_filters_them_and_pages_without_loss()
    {
        // A marker word only these specialists' introductions hold: the directory holds other tests' specialists too.
        var marker = $"zq{Guid.NewGuid():N}"[..14];
        var (bookable, none, otherService, noProfile) = (NewSpecialist(), NewSpecialist(), NewSpecialist(), NewSpecialist());
        await SaveAsync(bookable, "Zelda Bookable", marker, ("career", "Career coaching"));
        await SaveAsync(none, "Adam Nothing", marker, ("career", "Career coaching"));
        await SaveAsync(otherService, "Mia Workshops", marker, ("career", "Career coaching"), ("cv", "CV 100% reviewed"));
        await CreateSlotAsync(bookable, days: 3);
        var opened = await Client.PostAsJsonAsync(Base, new
        {
            specialistEmail = otherService, specialistId = $"sub-{otherService}", date = Day(4), startTime = "10:00", endTime = "11:00", serviceId = "cv",
        });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var open = await BodyAsync(opened);
        var full = Id(await CreateSlotAsync(none, days: 2)); // full: not bookable
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, full, "dir-customer")).StatusCode);
        await CreateSlotAsync(noProfile, days: 2);
        using var anonymous = Factory.NewClient(null);

        var all = await ListAsync(anonymous, $"/api/specialists?q={marker.ToUpperInvariant()}");
        Assert.Equal(["Mia Workshops", "Zelda Bookable", "Adam Nothing"], all.Select(s => s.GetProperty("displayName").GetString()));
        Assert.Equal(JsonValueKind.Null, all[2].GetProperty("nextOpenAt").ValueKind);
        Assert.Equal(
            open.GetProperty("startsAt").GetDateTime(),
            all[0].GetProperty("nextOpenAt").GetDateTime());

        // Career coaching: Mia's only slot is for another service, so she has nothing open for it.
        var career = await ListAsync(anonymous, $"/api/specialists?serviceId=career&q={marker}");
        Assert.Equal(["Zelda Bookable", "Adam Nothing", "Mia Workshops"], career.Select(s => s.GetProperty("displayName").GetString()));
        Assert.Equal(["Mia Workshops"], (await ListAsync(anonymous, $"/api/specialists?serviceId=cv&q={marker}")).Select(s => s.GetProperty("displayName").GetString()));
        // The text is matched literally (a % is no wildcard) in names, service titles and addresses.
        Assert.Equal(["Mia Workshops"], (await ListAsync(anonymous, $"/api/specialists?q={Uri.EscapeDataString("100% rev")}"))
            .Where(s => s.GetProperty("introduction").GetString() == marker).Select(s => s.GetProperty("displayName").GetString()));
        Assert.Empty(await ListAsync(anonymous, $"/api/specialists?q={Uri.EscapeDataString(marker[..4] + "%" + marker[5..])}"));
        Assert.Equal([bookable], (await ListAsync(anonymous, $"/api/specialists?q={Uri.EscapeDataString(bookable)}")).Select(s => s.GetProperty("email").GetString()));

        // One at a time, through the Link header: every one once, in order.
        var paged = new List<string?>();
        var url = $"/api/specialists?q={marker}&limit=1";
        while (url is not null)
        {
            var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            paged.AddRange((await BodyAsync(response)).EnumerateArray().Select(s => s.GetProperty("displayName").GetString()));
            url = NextPage(response);
        }

        Assert.Equal(["Mia Workshops", "Zelda Bookable", "Adam Nothing"], paged);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("limit=2147483648")]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("cursor=WzEsMiwzXQ")] // [1,2,3]: well-formed, not a position
    [InlineData("serviceId=")]
    public async Task A_bad_directory_query_is_400(string query)
    {
        using var anonymous = Factory.NewClient(null);
        await ProblemAsync(await anonymous.GetAsync($"/api/specialists?{query}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_search_text_past_its_limit_is_400_and_at_it_is_taken()
    {
        using var anonymous = Factory.NewClient(null);
        await ProblemAsync(await anonymous.GetAsync($"/api/specialists?q={new string('q', 101)}"), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/specialists?q={new string('q', 100)}")).StatusCode);
        await ProblemAsync(await anonymous.GetAsync($"/api/specialists?q={Uri.EscapeDataString("a\u0000b")}"), HttpStatusCode.BadRequest, "validation_failed");
    }

    private string SignedIn(string specialist, string name) => Factory.Tokens.Create(
        "specialist", $"sub-{specialist}", specialist, name, extra: new Dictionary<string, object> { ["email_verified"] = true });

    private async Task SaveAsync(string specialist, string name, string introduction, params (string Id, string Title)[] services)
    {
        using var owner = Factory.NewClient(SignedIn(specialist, name));
        var saved = await owner.PutAsJsonAsync(ProfileOf(specialist), new
        {
            introduction,
            services = services.Select(s => new { id = s.Id, title = s.Title }).ToArray(),
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await BodyAsync(response)).EnumerateArray()];
    }

    [Fact]
    public async Task A_refused_profile_or_policy_names_its_fields_as_the_body_spells_them()
    {
        // The body of PUT …/{email} is the profile itself: its fields are named at the top, not under "profile.".
        var specialist = NewSpecialist();
        await CreateSlotAsync(specialist);

        var profile = await ProblemAsync(
            await Client.PutAsJsonAsync(ProfileOf(specialist), new { displayName = " ", services = new[] { new { id = "tax", title = "" } } }),
            HttpStatusCode.BadRequest, "validation_failed");
        var policy = await ProblemAsync(
            await Client.PutAsJsonAsync($"{ProfileOf(specialist)}/policy", new { bookingNoticeMinutes = -1, cancelNoticeMinutes = 0 }),
            HttpStatusCode.BadRequest);

        Assert.Equal(["displayName", "services[0].title"], profile.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["bookingNoticeMinutes"], policy.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }
}
