using System.Net;
using System.Net.Http.Json;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Domain.Slots;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// The service a slot is for: a Service Card links to a specialist's page for one service, and both lists then show that
/// service's slots and the slots for no service ("applies to all consulting"), never another service's.
/// </summary>
[Collection(ApiCollection.Name)]
public class ServiceFilterTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Both_lists_asked_for_a_service_show_its_slots_and_those_for_all_consulting()
    {
        var specialist = NewSpecialist();
        var slots = new Dictionary<string, Guid>();
        foreach (var (service, start) in new[] { ("tax", "09:00"), ("audit", "11:00"), ("", "13:00") })
        {
            var response = await Client.PostAsJsonAsync(Base, new
            {
                specialistEmail = specialist, specialistId = $"sub-{specialist}", date = Day(2), startTime = start,
                endTime = start.Replace(":00", ":30", StringComparison.Ordinal), serviceId = service.Length == 0 ? null : service,
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            slots[service] = Id(await BodyAsync(response));
        }

        foreach (var list in new[] { $"/api/specialists/{specialist}/available-slots", $"/api/specialists/{specialist}/slots" })
        {
            Assert.Equal([slots["tax"], slots[""]], await IdsAsync($"{list}?serviceId=tax"));
            Assert.Equal([slots["audit"], slots[""]], await IdsAsync($"{list}?serviceId=audit"));
            Assert.Equal([slots[""]], await IdsAsync($"{list}?serviceId=coaching"));
            Assert.Equal([slots["tax"], slots["audit"], slots[""]], await IdsAsync(list));
            // Paged, the filter holds on every page.
            Assert.Equal([slots["tax"]], await IdsAsync($"{list}?serviceId=tax&limit=1"));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("tax%0Aaudit")]
    [InlineData("tax%E2%80%AE")]
    public async Task A_service_that_is_not_an_id_is_a_400(string serviceId)
    {
        var specialist = NewSpecialist();
        foreach (var list in new[] { $"/api/specialists/{specialist}/available-slots", $"/api/specialists/{specialist}/slots" })
        {
            var problem = await ProblemAsync(await Client.GetAsync($"{list}?serviceId={serviceId}"), HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty("serviceId", out _));
        }
    }

    [Fact]
    public async Task A_service_id_at_its_longest_is_read_and_one_longer_is_a_400()
    {
        var list = $"/api/specialists/{NewSpecialist()}/available-slots";

        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"{list}?serviceId={new string('s', SlotLimits.MaxIdLength)}")).StatusCode);
        await ProblemAsync(await Client.GetAsync($"{list}?serviceId={new string('s', SlotLimits.MaxIdLength + 1)}"), HttpStatusCode.BadRequest, "validation_failed");
    }

    private async Task<List<Guid>> IdsAsync(string url)
    {
        var response = await Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await BodyAsync(response)).EnumerateArray().Select(s => s.GetProperty("id").GetGuid())];
    }
}
