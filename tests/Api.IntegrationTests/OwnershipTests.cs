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

    [Fact]
    public async Task An_admin_must_name_the_specialists_subject()
    {
        var response = await Client.PostAsJsonAsync(Base, new { specialistEmail = NewSpecialist(), date = Day(4), startTime = "10:00", endTime = "11:00" });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("specialistId", out _), problem.ToString());
    }
}
