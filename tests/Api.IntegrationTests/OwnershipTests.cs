using System.Net;
using System.Net.Http.Json;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// A slot belongs to the issuer and subject that created it. A second account that holds the same email (a
/// recycled address, a provider that lets users change theirs) gets nothing of it; the owner keeps it when
/// their email changes.
/// </summary>
[Collection(ApiCollection.Name)]
public class OwnershipTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Another_subject_with_the_owners_email_can_neither_see_nor_touch_the_slot()
    {
        var email = NewSpecialist();
        using var owner = Factory.NewClient(Factory.Tokens.Specialist(email, subject: $"owner-{Guid.NewGuid():N}"));
        using var impostor = Factory.NewClient(Factory.Tokens.Specialist(email, subject: $"impostor-{Guid.NewGuid():N}"));
        var created = await owner.PostAsJsonAsync(Base, new { date = Day(4), startTime = "10:00", endTime = "11:00", totalCapacity = 2 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var slot = Id(await BodyAsync(created));
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, "own-cust")).StatusCode);
        var before = await (await owner.GetAsync($"{Base}/{slot}")).Content.ReadAsStringAsync();

        var list = await impostor.GetAsync($"{Schedule(email)}");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(0, (await BodyAsync(list)).GetArrayLength());
        await ProblemAsync(await impostor.GetAsync($"{Base}/{slot}"), HttpStatusCode.NotFound, "slot_not_found");
        await ProblemAsync(await impostor.PutAsync($"{Base}/{slot}", Json("""{"status":"inactive"}""")), HttpStatusCode.NotFound, "slot_not_found");
        await ProblemAsync(await impostor.DeleteAsync($"{Base}/{slot}"), HttpStatusCode.NotFound, "slot_not_found");
        await ProblemAsync(await impostor.DeleteAsync($"{Base}/{slot}/book/own-cust"), HttpStatusCode.NotFound, "slot_not_found");

        Assert.Equal(before, await (await owner.GetAsync($"{Base}/{slot}")).Content.ReadAsStringAsync());
        Assert.Equal(1, (await BodyAsync(await owner.GetAsync($"{Schedule(email)}"))).GetArrayLength());
    }

    [Fact]
    public async Task The_owner_keeps_their_slot_when_their_email_changes()
    {
        var subject = $"mover-{Guid.NewGuid():N}";
        using var before = Factory.NewClient(Factory.Tokens.Specialist(NewSpecialist(), subject));
        using var after = Factory.NewClient(Factory.Tokens.Specialist(NewSpecialist(), subject));
        var slot = Id(await BodyAsync(await before.PostAsJsonAsync(Base, new { date = Day(4), startTime = "12:00", endTime = "13:00" })));

        var changed = await after.PutAsync($"{Base}/{slot}", Json("""{"startTime":"11:30"}"""));

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("11:30", (await BodyAsync(changed)).GetProperty("startTime").GetString());
    }

    [Fact]
    public async Task A_specialist_whose_email_is_unverified_may_not_publish()
    {
        var email = NewSpecialist();
        using var unverified = Factory.NewClient(Factory.Tokens.Create(
            "specialist", $"sub-{email}", email, extra: new Dictionary<string, object> { ["email_verified"] = false }));

        var response = await unverified.PostAsJsonAsync(Base, new { date = Day(4), startTime = "10:00", endTime = "11:00" });

        await ProblemAsync(response, HttpStatusCode.Forbidden, "email_not_verified");
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM slots WHERE specialist_email = $1", email));
    }

    /// <summary>
    /// The squat of the 2026-12-06 review, reproduced: Ann publishes; an account carrying her email without the
    /// <c>email_verified</c> claim is refused (a missing claim is not verified); a verified one gets 409 <c>handle_taken</c>
    /// for a slot, a series and its preview. Nothing of theirs reaches her page, and her own day stays open to her.
    /// </summary>
    [Fact]
    public async Task Another_account_with_the_owners_email_cannot_publish_under_her_handle()
    {
        var email = NewSpecialist();
        using var ann = Factory.NewClient(Factory.Tokens.Specialist(email, subject: $"ann-{Guid.NewGuid():N}"));
        Assert.Equal(HttpStatusCode.Created, (await ann.PostAsJsonAsync(Base, new { date = Day(4), startTime = "08:00", endTime = "08:30" })).StatusCode);
        using var unclaimed = Factory.NewClient(Factory.Tokens.Create("specialist", $"squat-{Guid.NewGuid():N}", email));
        using var squatter = Factory.NewClient(Factory.Tokens.Specialist(email, subject: $"squat-{Guid.NewGuid():N}"));
        var day = new { date = Day(5), startTime = "09:00", endTime = "17:00" };
        var week = new { from = Day(5), to = Day(11), weekdays = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" },
            windows = new[] { new { startTime = "09:00", endTime = "17:00" } }, slotMinutes = 480 };

        await ProblemAsync(await unclaimed.PostAsJsonAsync(Base, day), HttpStatusCode.Forbidden, "email_not_verified");
        await ProblemAsync(await squatter.PostAsJsonAsync(Base, day), HttpStatusCode.Conflict, "handle_taken");
        await ProblemAsync(await squatter.PostAsJsonAsync($"{Base}/series", week), HttpStatusCode.Conflict, "handle_taken");
        await ProblemAsync(await squatter.PostAsJsonAsync($"{Base}/series?dryRun=true", week), HttpStatusCode.Conflict, "handle_taken");

        Assert.Equal(HttpStatusCode.Created, (await ann.PostAsJsonAsync(Base, day)).StatusCode);
        var page = await BodyAsync(await Client.GetAsync(Available(email)));
        Assert.Equal(["08:00", "09:00"], page.EnumerateArray().Select(s => s.GetProperty("startTime").GetString()));
        Assert.Equal(1L, await Factory.ScalarAsync<long>("SELECT count(DISTINCT specialist_id) FROM slots WHERE specialist_email = $1", email));
    }

    /// <summary>
    /// Slots another account published under the email before handles existed (written as rows, as an old release let
    /// them in) stay off the owner's public page and do not block her hours.
    /// </summary>
    [Fact]
    public async Task Slots_another_account_published_under_the_handle_earlier_stay_off_the_public_page()
    {
        var email = NewSpecialist();
        using var ann = Factory.NewClient(Factory.Tokens.Specialist(email));
        var own = Id(await BodyAsync(await ann.PostAsJsonAsync(Base, new { date = Day(6), startTime = "10:00", endTime = "11:00" })));
        await Factory.ExecuteAsync("""
            INSERT INTO slots (id, specialist_issuer, specialist_id, specialist_email, date, start_time, end_time, timezone, starts_at, ends_at,
                               duration_minutes, total_capacity, booked_count, status, created_at, updated_at)
            SELECT gen_random_uuid(), specialist_issuer, 'squatter', specialist_email, date, '12:00', '13:00', timezone,
                   starts_at + interval '2 hours', ends_at + interval '2 hours', 60, 1, 0, 'active', now(), now()
            FROM slots WHERE id = $1
            """, own);

        var page = await BodyAsync(await Client.GetAsync(Available(email)));
        Assert.Equal([own], page.EnumerateArray().Select(Id));
        Assert.Equal(HttpStatusCode.Created, (await ann.PostAsJsonAsync(Base, new { date = Day(6), startTime = "12:00", endTime = "13:00" })).StatusCode);
    }

    [Fact]
    public async Task An_admin_must_name_the_specialists_subject()
    {
        var response = await Client.PostAsJsonAsync(Base, new { specialistEmail = NewSpecialist(), date = Day(4), startTime = "10:00", endTime = "11:00" });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("specialistId", out _), problem.ToString());
    }
}
