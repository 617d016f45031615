using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Client;
using Slots.Client.Models;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// The generated .NET client (<c>clients/dotnet</c>, Kiota) against the real API: the plan's booking story and the
/// feed, typed end to end, problems included. Its requests go through the same contract check as every other test's.
/// </summary>
[Collection(ApiCollection.Name)]
public class DotnetClientTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task The_booking_story_runs_through_the_typed_client()
    {
        var specialist = NewSpecialist();
        var bea = $"bea-{Guid.NewGuid():N}";
        var cal = $"cal-{Guid.NewGuid():N}";
        var asSpecialist = ClientAs(Factory.Tokens.Specialist(specialist));
        var asBea = ClientAs(Factory.Tokens.Customer(bea));
        var asCal = ClientAs(Factory.Tokens.Customer(cal));
        var anonymous = ClientAs(null);
        var day = DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime).AddDays(5);

        var slot = await asSpecialist.Api.ConsultingSlots.PostAsync(new CreateSlotRequest
        {
            Date = new Date(day.Year, day.Month, day.Day), StartTime = "10:00", EndTime = "10:45", TotalCapacity = 1, Timezone = "Europe/Berlin",
        });
        Assert.NotNull(slot?.Id);
        var slotId = slot.Id.Value;
        Assert.Equal(SlotStatus.Active, slot.Status);
        Assert.Equal(45, slot.Duration);

        var open = await anonymous.Api.Specialists[specialist].AvailableSlots.GetAsync() ?? [];
        Assert.Equal([slotId], open.Select(s => s.Id!.Value));
        Assert.Equal(1, open[0].RemainingCapacity);

        var booked = await asBea.Api.ConsultingSlots[slotId].Book.PostAsync(new BookSlotRequest(), c => c.Headers.Add("Idempotency-Key", $"story-{bea}"));
        Assert.Equal(bea, booked!.CustomerId);
        Assert.NotNull(booked.BookingId);
        // The same key again is the same booking, not a second one.
        var replayed = await asBea.Api.ConsultingSlots[slotId].Book.PostAsync(new BookSlotRequest(), c => c.Headers.Add("Idempotency-Key", $"story-{bea}"));
        Assert.Equal(booked.BookingId, replayed!.BookingId);

        // The full slot refuses Cal with its typed problem, and leaves the view.
        var full = await Assert.ThrowsAsync<ConflictProblem>(() => asCal.Api.ConsultingSlots[slotId].Book.PostAsync(new BookSlotRequest()));
        Assert.Equal(ConflictProblem_code.Slot_fully_booked, full.Code);
        Assert.Equal(409, full.ResponseStatusCode);
        Assert.Empty((await anonymous.Api.Specialists[specialist].AvailableSlots.GetAsync())!);

        var mine = await asBea.Api.Me.Bookings.GetAsync();
        Assert.Contains(mine!, b => b.SlotId == slotId && b.BookingId == booked.BookingId);

        await asBea.Api.ConsultingSlots[slotId].Book.Me.DeleteAsync();
        var again = await anonymous.Api.Specialists[specialist].AvailableSlots.GetAsync();
        Assert.Equal(1, again!.Single().RemainingCapacity);

        var changed = await asSpecialist.Api.ConsultingSlots[slotId].PutAsync(new UpdateSlotRequest { StartTime = "09:30" });
        Assert.Equal("09:30", changed!.StartTime);
        await asSpecialist.Api.ConsultingSlots[slotId].DeleteAsync();
        var gone = await Assert.ThrowsAsync<NotFoundProblem>(() => asSpecialist.Api.ConsultingSlots[slotId].GetAsync());
        Assert.Equal(NotFoundProblem_code.Slot_not_found, gone.Code);
        var unsigned = await Assert.ThrowsAsync<UnauthenticatedProblem>(() => anonymous.Api.Me.Bookings.GetAsync());
        Assert.Equal(401, unsigned.ResponseStatusCode);
    }

    [Fact]
    public async Task A_service_follows_the_feed_with_the_typed_client_and_sees_each_change_once_in_order()
    {
        var service = ClientAs(Factory.Tokens.Service("events:read"));
        var start = await EndOfFeedAsync(service, after: null);
        var slot = Id(await CreateSlotAsync(NewSpecialist(), days: 6, capacity: 2));
        var customer = $"feed-{Guid.NewGuid():N}";
        Assert.Equal(System.Net.HttpStatusCode.Created, (await BookAsync(Client, slot, customer)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{slot}/book/{customer}")).StatusCode);

        var events = new List<CloudEventDocument>();
        var after = start;
        while (true)
        {
            var page = await service.Api.Events.GetAsync(c => (c.QueryParameters.After, c.QueryParameters.Limit) = (after, 2));
            if (page is null or { Count: 0 })
            {
                break;
            }

            events.AddRange(page);
            after = page[^1].Position;
        }

        var ours = events.Where(e => e.Subject == slot).ToList();
        Assert.Equal(["slots.slot.created", "slots.booking.created", "slots.booking.cancelled"], ours.Select(e => e.Type));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.All(ours, e => Assert.Equal("1.0", e.Specversion));
        var booking = (UntypedObject)((UntypedObject)ours[1].Data!).GetValue()["booking"];
        Assert.Equal(customer, ((UntypedString)booking.GetValue()["customerId"]).GetValue());
        var unauthorized = await Assert.ThrowsAsync<ForbiddenProblem>(() => ClientAs(Factory.Tokens.Customer(customer)).Api.Events.GetAsync());
        Assert.Equal(403, unauthorized.ResponseStatusCode);
    }

    private SlotsApiClient ClientAs(string? token) =>
        SlotsClient.Create(Factory.NewClient(null), _ => Task.FromResult(token));

    private static async Task<string?> EndOfFeedAsync(SlotsApiClient service, string? after)
    {
        while (await service.Api.Events.GetAsync(c => (c.QueryParameters.After, c.QueryParameters.Limit) = (after, 500)) is { Count: > 0 } page)
        {
            after = page[^1].Position;
        }

        return after;
    }
}
