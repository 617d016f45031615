using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// A customer's live upcoming bookings are capped, in all and with one specialist (here 3 and 2): the next one is
/// 409 <c>booking_limit_reached</c>, and racing bookings of one customer cannot pass the cap.
/// </summary>
[Collection(ApiCollection.Name)]
public class BookingLimitTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task A_customer_at_a_limit_is_refused_until_a_booking_is_cancelled()
    {
        await using var api = Capped();
        var customer = $"capped-{Guid.NewGuid():N}";
        using var client = CustomerClient(api, customer);
        var (ann, bob, cid) = (NewSpecialist(), NewSpecialist(), NewSpecialist());
        var annSlots = new[] { await SlotAsync(ann, 1), await SlotAsync(ann, 2), await SlotAsync(ann, 3) };

        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"{Base}/{annSlots[0]}/book", Json("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"{Base}/{annSlots[1]}/book", Json("{}"))).StatusCode);
        var third = await ProblemAsync(
            await client.PostAsync($"{Base}/{annSlots[2]}/book", Json("{}")), HttpStatusCode.Conflict, "booking_limit_reached");
        Assert.Contains("at most 2 upcoming bookings with one specialist", third.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"{Base}/{await SlotAsync(bob, 1)}/book", Json("{}"))).StatusCode);
        await ProblemAsync(
            await client.PostAsync($"{Base}/{await SlotAsync(cid, 1)}/book", Json("{}")), HttpStatusCode.Conflict, "booking_limit_reached");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Base}/{annSlots[0]}/book/{customer}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync($"{Base}/{annSlots[2]}/book", Json("{}"))).StatusCode);
        Assert.Equal(3L, await LiveAsync(customer));
    }

    [Fact]
    public async Task Ten_bookings_of_one_customer_at_once_stay_within_the_limit()
    {
        await using var api = Capped();
        var customer = $"racer-{Guid.NewGuid():N}";
        var specialist = NewSpecialist();
        var slots = new List<Guid>();
        for (var day = 1; day <= 10; day++)
        {
            slots.Add(await SlotAsync(specialist, day));
        }

        var clients = slots.Select(_ => CustomerClient(api, customer)).ToList();
        var gate = new TaskCompletionSource();
        var racing = slots.Select(async (slot, i) =>
        {
            await gate.Task;
            using var response = await clients[i].PostAsync($"{Base}/{slot}/book", Json("{}"));
            return response.StatusCode;
        }).ToList();
        gate.SetResult();
        var statuses = await Task.WhenAll(racing);
        clients.ForEach(c => c.Dispose());

        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(8, statuses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(2L, await LiveAsync(customer));
    }

    private WebApplicationFactory<Program> Capped() => Factory.WithWebHostBuilder(b => b
        .UseSetting("Slots:Bookings:MaxLivePerCustomer", "3")
        .UseSetting("Slots:Bookings:MaxLivePerCustomerWithSpecialist", "2"));

    private HttpClient CustomerClient(WebApplicationFactory<Program> api, string customer) =>
        SlotsApiFactory.ClientOf(api, Factory.Tokens.Customer(customer));

    private async Task<Guid> SlotAsync(string specialist, int days) => Id(await CreateSlotAsync(specialist, days: days, capacity: 5));

    private Task<long> LiveAsync(string customer) =>
        Factory.ScalarAsync<long>("SELECT count(*) FROM bookings WHERE customer_id = $1 AND cancelled_at IS NULL", customer);
}
