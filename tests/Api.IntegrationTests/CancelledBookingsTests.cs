using System.Net;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>Cancelled bookings on request: a capped list of their own, since a slot's views show live bookings only.</summary>
[Collection(ApiCollection.Name)]
public class CancelledBookingsTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task A_slots_cancelled_bookings_are_listed_most_recent_first_and_capped()
    {
        var specialist = NewSpecialist();
        var slot = Id(await CreateSlotAsync(specialist, days: 3, capacity: 5));
        foreach (var customer in new[] { "gone-a", "gone-b", "stays", "gone-c" })
        {
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, customer)).StatusCode);
        }

        foreach (var customer in new[] { "gone-b", "gone-a", "gone-c" })
        {
            Factory.Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{slot}/book/{customer}")).StatusCode);
        }

        using var owner = Factory.NewClient(Factory.Tokens.Specialist(specialist));
        var all = await BodyAsync(await owner.GetAsync($"{Base}/{slot}/cancelled-bookings"));
        var two = await BodyAsync(await owner.GetAsync($"{Base}/{slot}/cancelled-bookings?limit=2"));
        var view = await BodyAsync(await owner.GetAsync($"{Base}/{slot}"));

        Assert.Equal(["gone-c", "gone-a", "gone-b"], all.EnumerateArray().Select(b => b.GetProperty("customerId").GetString()));
        Assert.All(all.EnumerateArray(), b => Assert.NotNull(b.GetProperty("cancelledAt").GetString()));
        Assert.Equal(["gone-c", "gone-a"], two.EnumerateArray().Select(b => b.GetProperty("customerId").GetString()));
        Assert.Equal(["stays"], view.GetProperty("bookings").EnumerateArray().Select(b => b.GetProperty("customerId").GetString()));
    }

    [Fact]
    public async Task Another_specialists_or_a_missing_slot_is_not_found_and_the_limit_is_bounded()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist()));
        using var other = Factory.NewClient(Factory.Tokens.Specialist(NewSpecialist()));
        using var customer = Factory.NewClient(Factory.Tokens.Customer("nosy"));

        await ProblemAsync(await other.GetAsync($"{Base}/{slot}/cancelled-bookings"), HttpStatusCode.NotFound, "slot_not_found");
        await ProblemAsync(await Client.GetAsync($"{Base}/{Guid.NewGuid()}/cancelled-bookings"), HttpStatusCode.NotFound, "slot_not_found");
        await ProblemAsync(await customer.GetAsync($"{Base}/{slot}/cancelled-bookings"), HttpStatusCode.Forbidden, "role_not_allowed");
        await ProblemAsync(await Client.GetAsync($"{Base}/{slot}/cancelled-bookings?limit=101"), HttpStatusCode.BadRequest);
        await ProblemAsync(await Client.GetAsync($"{Base}/{slot}/cancelled-bookings?limit=0"), HttpStatusCode.BadRequest);
        Assert.Equal(0, (await BodyAsync(await Client.GetAsync($"{Base}/{slot}/cancelled-bookings"))).GetArrayLength());
    }
}
