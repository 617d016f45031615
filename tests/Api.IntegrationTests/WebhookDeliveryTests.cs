using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// Deliveries when things go wrong: a receiver down for a minute, several dispatchers on one database, and an API process
/// killed after a booking committed and before its webhook was answered.
/// </summary>
[Collection(ApiCollection.Name)]
public class WebhookDeliveryTests(SlotsApiFactory factory) : WebhookTestBase(factory)
{
    /// <summary>
    /// The receiver is down (its port refuses connections) for a whole minute while a slot is booked and cancelled; the
    /// deliveries back off and retry, the subscription reports it and its circuit breaker opens, and once the receiver is back it gets every event, each
    /// verified, which sorted by <c>position</c> are exactly the feed's events for the slot, in the feed's order.
    /// </summary>
    [Fact]
    public async Task A_receiver_down_for_a_minute_gets_every_event_afterwards()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await SubscribeAsync(receiver);
        await receiver.StopAsync();
        var down = DateTime.UtcNow;

        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 10));
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, $"down-{i}")).StatusCode);
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{slot}/book/down-{i}")).StatusCode);
        }

        var health = await EventuallyAsync<JsonElement>(async () => await HealthAsync(webhook) is { } h && h.GetProperty("retrying").GetInt32() == 14 ? h : null);
        Assert.Equal("retrying", health.GetProperty("status").GetString());
        Assert.Equal("The receiver could not be reached.", health.GetProperty("lastError").GetString());
        // Its circuit breaker opens: parked, then probed with one delivery at a time.
        await EventuallyAsync<JsonElement>(async () => await HealthAsync(webhook) is { } h && h.GetProperty("parkedUntil").ValueKind == JsonValueKind.String ? h : null);
        await Task.Delay(TimeSpan.FromMinutes(1) - (DateTime.UtcNow - down));
        Assert.Empty(receiver.Requests);

        await receiver.StartAsync();

        var received = OfSlot(await receiver.WaitForAsync(r => OfSlot(r, slot).Count == 14, Patience, "the 14 events"), slot);
        Assert.Empty(receiver.Rejected);
        Assert.Equal(await FeedOfSlotAsync(slot), received.Select(e => (e.Id, e.Position)).ToList());
        var deliveries = await DeliveriesAsync(webhook);
        Assert.All(deliveries, d => Assert.Equal("delivered", d.GetProperty("status").GetString()));
        // Every delivery was tried before the breaker opened, and delivered at a later attempt; while the breaker was open,
        // one delivery at a time probed the receiver (parks of 0.25 s doubling to 4 s: more than five in the minute).
        Assert.All(deliveries, d => Assert.True(d.GetProperty("attempts").GetInt32() > 1, d.ToString()));
        Assert.True(deliveries.Sum(d => d.GetProperty("attempts").GetInt32()) > (14 * 2) + 5, string.Join(", ", deliveries.Select(d => d.GetProperty("attempts"))));
        Assert.Equal("healthy", (await HealthAsync(webhook)).GetProperty("status").GetString());
    }

    /// <summary>
    /// A second API on the same database, so two dispatchers claim from one table while 40 events are delivered to a slow
    /// receiver: each is delivered exactly once, and never two requests for one event at the same time.
    /// </summary>
    [Fact]
    public async Task Two_dispatchers_never_send_one_delivery_twice()
    {
        await using var second = Factory.WithWebHostBuilder(_ => { });
        _ = second.Services; // starts it, and its dispatcher
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromMilliseconds(100);
        await SubscribeAsync(receiver);

        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 39));
        await Task.WhenAll(Enumerable.Range(0, 39).Select(async i =>
            Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, $"twice-{i}")).StatusCode)));

        await receiver.WaitForAsync(r => OfSlot(r, slot).Count == 40, Patience, "40 events");
        await Task.Delay(500); // time for a duplicate to arrive, were one sent
        var requests = receiver.Requests.Where(r => r.Subject == slot.ToString()).ToList();
        Assert.Equal(40, requests.Count);
        Assert.Equal(40, requests.Select(r => r.Id).Distinct().Count());
        Assert.Equal(1, receiver.MostAtOnce);
    }

    /// <summary>
    /// An API process sends a booking's webhook; the receiver holds the request unanswered, and the process is killed
    /// (SIGKILL) before the answer. Restarted, it sends the webhook again once the dead attempt's claim runs out, and the
    /// receiver verifies and takes it. The test's API runs on a database of its own, so no other dispatcher steps in.
    /// </summary>
    [Fact]
    public async Task A_webhook_in_flight_when_the_process_is_killed_is_delivered_after_the_restart()
    {
        var database = $"slots_crash_{Guid.NewGuid():N}";
        var connection = await Factory.CreateDatabaseAsync(database);
        try
        {
            await using var receiver = await WebhookReceiver.StartAsync();
            receiver.Hang = true;
            var port = WebhookReceiver.FreePort();
            Guid slot;
            await using (var first = await ApiProcess.StartAsync(Factory, connection, port, migrate: true))
            {
                using var admin = AdminOf(first);
                var subscribed = await admin.PostAsJsonAsync(Hooks, new { url = receiver.Url, types = new[] { "slots.booking.created" } });
                Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
                receiver.Secret = (await BodyAsync(subscribed)).GetProperty("secret").GetString();
                var created = await admin.PostAsJsonAsync(Base, new
                {
                    specialistEmail = "crash@example.com", specialistId = "crash-1", date = Day(2), startTime = "10:00", endTime = "11:00",
                    totalCapacity = 1, timezone = "UTC",
                });
                slot = Id(await BodyAsync(created));
                Assert.Equal(HttpStatusCode.Created, (await BookAsync(admin, slot, "crash-customer")).StatusCode);

                await UntilAsync(
                    () => Task.FromResult(receiver.Requests.Any(r => r.Subject == slot.ToString())), "the webhook never reached the receiver");
                await first.KillAsync();
            }

            Assert.Equal("sending", await Factory.ScalarOnAsync<string>(connection, "SELECT status FROM webhook_deliveries"));
            receiver.Release();

            await using var restarted = await ApiProcess.StartAsync(Factory, connection, port, migrate: false);
            var accepted = await receiver.WaitForAsync(r => OfSlot(r, slot).Count == 1, Patience, "the booking's webhook");

            Assert.Empty(receiver.Rejected);
            Assert.Equal("slots.booking.created", accepted.Single().Type);
            Assert.Equal(2, receiver.Requests.Count(r => r.Id == accepted.Single().Id));
            // The receiver has answered; the dispatcher records it a moment later.
            await UntilAsync(
                async () => await Factory.ScalarOnAsync<string>(connection, "SELECT status FROM webhook_deliveries") == "delivered",
                "the delivery was never recorded as delivered");

            Assert.Equal(2, await Factory.ScalarOnAsync<int>(connection, "SELECT attempts FROM webhook_deliveries"));
        }
        finally
        {
            await Factory.DropDatabaseAsync(database);
        }
    }

    private HttpClient AdminOf(ApiProcess api) => new(new Contract.ContractCheckingHandler(new SocketsHttpHandler()))
    {
        BaseAddress = api.Address,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", Factory.Tokens.Admin()) },
    };
}
