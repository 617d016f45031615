using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// Webhooks end to end: the API's dispatcher POSTs the outbox's events to a real HTTP receiver, which verifies each
/// signature with the Standard Webhooks library and the secret the subscription was created with.
/// </summary>
[Collection(ApiCollection.Name)]
public class WebhookTests(SlotsApiFactory factory) : WebhookTestBase(factory)
{
    [Fact]
    public async Task A_booking_reaches_the_receiver_signed_as_a_cloud_event_with_its_position()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await SubscribeAsync(receiver);
        var specialist = NewSpecialist();

        var slot = Id(await CreateSlotAsync(specialist, capacity: 2));
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, "hooked")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Base}/{slot}/book/hooked")).StatusCode);

        var events = OfSlot(await receiver.WaitForAsync(r => OfSlot(r, slot).Count == 3, Patience, "three events"), slot);
        Assert.Empty(receiver.Rejected);
        Assert.Equal(["slots.slot.created", "slots.booking.created", "slots.booking.cancelled"], events.Select(e => e.Type));
        var booked = events[1].Event;
        Assert.Equal("1.0", booked.GetProperty("specversion").GetString());
        Assert.Equal("urn:consulting-slots", booked.GetProperty("source").GetString());
        Assert.Equal(events[1].Id, booked.GetProperty("id").GetString());
        Assert.Equal("hooked", booked.GetProperty("data").GetProperty("booking").GetProperty("customerId").GetString());
        Assert.Equal(2, booked.GetProperty("data").GetProperty("slot").GetProperty("version").GetInt32());
        Assert.Equal("application/cloudevents+json; charset=utf-8", events[0].ContentType);

        // The events are those of the feed, with the same positions.
        var feed = await FeedOfSlotAsync(slot);
        Assert.Equal(feed, events.Select(e => (e.Id, e.Position)).ToList());

        var deliveries = await DeliveriesAsync(webhook);
        var mine = deliveries.Where(d => events.Any(e => e.Id == d.GetProperty("id").GetString())).ToList();
        Assert.Equal(3, mine.Count);
        Assert.All(mine, d =>
        {
            Assert.Equal("delivered", d.GetProperty("status").GetString());
            Assert.Equal(1, d.GetProperty("attempts").GetInt32());
            Assert.Equal(204, d.GetProperty("lastStatusCode").GetInt32());
        });
    }

    [Fact]
    public async Task The_secret_is_shown_once_and_a_subscription_gets_only_the_types_it_names()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var response = await Client.PostAsJsonAsync(Hooks, new { url = receiver.Url, types = new[] { "slots.booking.created" }, description = "billing" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await BodyAsync(response);
        receiver.Secret = created.GetProperty("secret").GetString();
        Assert.StartsWith("whsec_", receiver.Secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(receiver.Secret!["whsec_".Length..]).Length);

        var slot = Id(await CreateSlotAsync(NewSpecialist()));
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(Client, slot, "typed")).StatusCode);

        var events = await receiver.WaitForAsync(r => OfSlot(r, slot).Count >= 1, Patience, "the booking");
        var listed = (await BodyAsync(await Client.GetAsync(Hooks))).EnumerateArray()
            .Single(w => w.GetProperty("id").GetGuid() == created.GetProperty("id").GetGuid());
        Assert.False(listed.TryGetProperty("secret", out _));
        Assert.Equal(["slots.booking.created"], listed.GetProperty("types").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("billing", listed.GetProperty("description").GetString());
        // Everything it received is of its type, and the slot's creation never came.
        Assert.All(receiver.Requests, r => Assert.Equal("slots.booking.created", r.Type));
        Assert.Single(OfSlot(events, slot));
    }

    [Fact]
    public async Task Deleting_a_subscription_stops_its_deliveries_and_forgets_them()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await SubscribeAsync(receiver);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Hooks}/{webhook}")).StatusCode);

        var slot = Id(await CreateSlotAsync(NewSpecialist()));
        await EventuallyFannedOutAsync(slot);

        Assert.DoesNotContain(receiver.Requests, r => r.Subject == slot.ToString());
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM webhook_deliveries WHERE subscription_id = $1", webhook));
        await ProblemAsync(await Client.DeleteAsync($"{Hooks}/{webhook}"), HttpStatusCode.NotFound, "webhook_not_found");
        await ProblemAsync(await Client.GetAsync($"{Hooks}/{webhook}/deliveries"), HttpStatusCode.NotFound, "webhook_not_found");
    }

    public static TheoryData<string, string> BadSubscriptions() => new()
    {
        { "{}", "url" },
        { """{"url": ""}""", "url" },
        { """{"url": "/relative/hook"}""", "url" },
        { """{"url": "ftp://hooks.example.com/x"}""", "url" },
        { """{"url": "https://user:pw@hooks.example.com/x"}""", "url" },
        { """{"url": "https://hooks.example.com/x#part"}""", "url" },
        { """{"url": "https://hooks.example.com/\u0000"}""", "url" },
        { $$"""{"url": "https://hooks.example.com/{{new string('a', 2030)}}"}""", "url" },
        { """{"url": "https://hooks.example.com/x", "types": []}""", "types" },
        { """{"url": "https://hooks.example.com/x", "types": ["slots.slot.exploded"]}""", "types[0]" },
        { """{"url": "https://hooks.example.com/x", "types": ["slots.slot.created", "slots.slot.created"]}""", "types" },
        { $$"""{"url": "https://hooks.example.com/x", "description": "{{new string('d', 501)}}"}""", "description" },
        { """{"url": "https://hooks.example.com/x", "description": "a\u202Eb"}""", "description" },
    };

    [Theory]
    [MemberData(nameof(BadSubscriptions))]
    public async Task A_bad_subscription_is_refused_with_the_field_named(string body, string field)
    {
        var problem = await ProblemAsync(await Client.PostAsync(Hooks, Json(body)), HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    /// <summary>Addresses no webhook may reach, even where insecure targets are allowed: metadata services, link-local, not a host.</summary>
    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://169.254.1.1:8080/")]
    [InlineData("http://[fe80::1]/")]
    [InlineData("http://[::ffff:169.254.169.254]/")]
    [InlineData("http://[fd00:ec2::254]/")]
    [InlineData("http://100.100.100.200/")]
    [InlineData("http://0.0.0.0:8080/")]
    [InlineData("http://[::]/")]
    [InlineData("http://224.0.0.1/")]
    [InlineData("http://255.255.255.255/")]
    public async Task A_target_on_a_forbidden_address_is_refused(string url)
    {
        var problem = await ProblemAsync(await Client.PostAsJsonAsync(Hooks, new { url }), HttpStatusCode.BadRequest, "webhook_target_refused");

        Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _));
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_refused()
    {
        Factory.HostNames.Set("nowhere.test", [[]]);

        await ProblemAsync(await Client.PostAsJsonAsync(Hooks, new { url = "https://nowhere.test/hooks" }), HttpStatusCode.BadRequest, "webhook_target_refused");
    }

    /// <summary>
    /// DNS rebinding: the name resolves to the loopback receiver when the subscription is made and to the metadata address
    /// when the event is sent. The dispatcher checks the address it connects to, so nothing is sent and the delivery says why.
    /// </summary>
    [Fact]
    public async Task A_name_that_resolves_to_a_forbidden_address_at_send_time_is_not_called()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var host = $"rebind-{Guid.NewGuid():N}.test";
        Factory.HostNames.Set(host, [IPAddress.Loopback], [IPAddress.Parse("169.254.169.254")]);
        var response = await Client.PostAsJsonAsync(Hooks, new { url = $"http://{host}:{receiver.Port}/hooks" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var webhook = (await BodyAsync(response)).GetProperty("id").GetGuid();

        await CreateSlotAsync(NewSpecialist());

        var delivery = await EventuallyAsync(async () => (await DeliveriesAsync(webhook)).FirstOrNull(d => d.GetProperty("attempts").GetInt32() > 0 && d.GetProperty("lastError").ValueKind == JsonValueKind.String));
        Assert.Equal("pending", delivery.GetProperty("status").GetString());
        Assert.Contains("169.254.169.254", delivery.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("lastStatusCode").ValueKind);
        Assert.Empty(receiver.Requests);
        var health = await HealthAsync(webhook);
        Assert.Equal("retrying", health.GetProperty("status").GetString());
    }

    /// <summary>A receiver that redirects is not followed: the delivery fails with the redirect's status and is retried.</summary>
    [Fact]
    public async Task A_redirect_is_not_followed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = StatusCodes.Status307TemporaryRedirect; // to the receiver's /elsewhere
        var webhook = await SubscribeAsync(receiver);

        var slot = Id(await CreateSlotAsync(NewSpecialist()));

        var delivery = await EventuallyAsync(async () => (await DeliveriesAsync(webhook)).FirstOrNull(d => d.GetProperty("lastError").ValueKind == JsonValueKind.String));
        Assert.Equal(307, delivery.GetProperty("lastStatusCode").GetInt32());
        Assert.Contains(receiver.Requests, r => r.Subject == slot.ToString());
        Assert.Equal(0, receiver.RedirectedHits);
        Assert.Contains("redirects are not followed", delivery.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal("pending", delivery.GetProperty("status").GetString());
    }

    /// <summary>
    /// A receiver that fails past the retry window: the delivery is marked failed and kept, the subscription says it is
    /// failing, and a replay delivers it once the receiver is well again. (The window's start is moved back in the
    /// database rather than waiting 24 hours.)
    /// </summary>
    [Fact]
    public async Task A_delivery_failing_past_the_window_is_marked_failed_and_can_be_replayed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = StatusCodes.Status500InternalServerError;
        var webhook = await SubscribeAsync(receiver);
        var slot = Id(await CreateSlotAsync(NewSpecialist()));
        var delivery = await EventuallyAsync(async () => (await DeliveriesAsync(webhook)).FirstOrNull(d => d.GetProperty("attempts").GetInt32() > 0));
        var id = delivery.GetProperty("id").GetGuid();

        await Factory.ExecuteAsync("UPDATE webhook_deliveries SET retry_from = now() - interval '25 hours' WHERE event_id = $1", id);

        var failed = await EventuallyAsync(async () => (await DeliveriesAsync(webhook, "?status=failed")).FirstOrNull());
        Assert.Equal(id, failed.GetProperty("id").GetGuid());
        Assert.Equal(500, failed.GetProperty("lastStatusCode").GetInt32());
        Assert.Equal("HTTP 500", failed.GetProperty("lastError").GetString());
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("nextAttemptAt").ValueKind);
        var health = await HealthAsync(webhook);
        Assert.Equal("failing", health.GetProperty("status").GetString());
        Assert.Equal(1, health.GetProperty("failed").GetInt32());
        Assert.Equal("HTTP 500", health.GetProperty("lastError").GetString());
        var attempts = failed.GetProperty("attempts").GetInt32();
        await Task.Delay(500);
        Assert.Equal(attempts, (await DeliveriesAsync(webhook)).Single().GetProperty("attempts").GetInt32());

        receiver.Answer = StatusCodes.Status200OK;
        var retried = await Client.PostAsync($"{Hooks}/{webhook}/deliveries/{id}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal("pending", (await BodyAsync(retried)).GetProperty("status").GetString());

        await receiver.WaitForAsync(r => OfSlot(r, slot).Count == 1, Patience, "the replay");
        var delivered = await EventuallyAsync(async () => (await DeliveriesAsync(webhook, "?status=delivered")).FirstOrNull());
        Assert.Equal(attempts + 1, delivered.GetProperty("attempts").GetInt32());
        var after = await HealthAsync(webhook);
        Assert.Equal("healthy", after.GetProperty("status").GetString());
        Assert.Equal(0, after.GetProperty("failed").GetInt32()); // the replay took it off the count
        await ProblemAsync(await Client.PostAsync($"{Hooks}/{webhook}/deliveries/{Guid.NewGuid()}/retry", null), HttpStatusCode.NotFound, "delivery_not_found");
        await ProblemAsync(await Client.PostAsync($"{Hooks}/{Guid.NewGuid()}/deliveries/{id}/retry", null), HttpStatusCode.NotFound, "webhook_not_found");
    }

    /// <summary>
    /// The list takes a subscription's given-up deliveries from its counter, which the outcomes keep: 10,000 failed rows
    /// written here behind the recorder's back are not read at all (counting them row by row made the list pass its
    /// budget after a few days of one dead receiver).
    /// </summary>
    [Fact]
    public async Task The_list_counts_given_up_deliveries_from_the_subscriptions_counter_not_row_by_row()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await SubscribeAsync(receiver);
        await Factory.ExecuteAsync(
            "INSERT INTO webhook_deliveries (subscription_id, event_id, status, attempts, last_error) SELECT $1, gen_random_uuid(), 'failed', 9, 'HTTP 500' FROM generate_series(1, 10000)",
            webhook);
        await Factory.ExecuteAsync("UPDATE webhook_subscriptions SET failed_count = 7 WHERE id = $1", webhook);

        var health = await HealthAsync(webhook);

        Assert.Equal((7, 0, 0), (health.GetProperty("failed").GetInt32(), health.GetProperty("pending").GetInt32(), health.GetProperty("retrying").GetInt32()));
    }

    [Fact]
    public async Task A_delivery_being_sent_is_not_retried_on_top()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Hang = true;
        var webhook = await SubscribeAsync(receiver);
        await CreateSlotAsync(NewSpecialist());
        var sending = await EventuallyAsync(async () => (await DeliveriesAsync(webhook, "?status=sending")).FirstOrNull());

        await ProblemAsync(
            await Client.PostAsync($"{Hooks}/{webhook}/deliveries/{sending.GetProperty("id").GetGuid()}/retry", null),
            HttpStatusCode.Conflict, "delivery_in_flight");
        receiver.Release();
    }

    [Fact]
    public async Task The_deliveries_list_pages_newest_first()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await SubscribeAsync(receiver);
        var specialist = NewSpecialist();
        for (var i = 0; i < 5; i++)
        {
            await CreateSlotAsync(specialist, days: i + 1);
        }

        var all = (await EventuallyAsync(async () => (await DeliveriesAsync(webhook, "?status=delivered")) is { Count: 5 } five ? (JsonElement?)JsonSerializer.SerializeToElement(five) : null))
            .EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).ToList();
        var pages = new List<List<Guid>>();
        for (var url = $"{Hooks}/{webhook}/deliveries?limit=2"; url is not null;)
        {
            var page = await Client.GetAsync(url);
            pages.Add([.. (await BodyAsync(page)).EnumerateArray().Select(d => d.GetProperty("id").GetGuid())]);
            url = NextPage(page);
        }

        // Newest first by id (the event's, a version 7 UUID): three pages of 2, 2 and 1, the whole list once, in order.
        Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
        var paged = pages.SelectMany(p => p).ToList();
        Assert.Equal(all, paged);
        Assert.Equal(paged.OrderDescending(), paged);
        await ProblemAsync(await Client.GetAsync($"{Hooks}/{webhook}/deliveries?cursor=bm9wZQ"), HttpStatusCode.BadRequest, "validation_failed");
        await ProblemAsync(await Client.GetAsync($"{Hooks}/{webhook}/deliveries?status=lost"), HttpStatusCode.BadRequest);
        await ProblemAsync(await Client.GetAsync($"{Hooks}/{webhook}/deliveries?limit=0"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Only_admins_manage_webhooks()
    {
        using var specialist = Factory.NewClient(Factory.Tokens.Specialist(NewSpecialist()));
        using var customer = Factory.NewClient(Factory.Tokens.Customer("hook-customer"));
        using var anonymous = Factory.NewClient(null);

        await ProblemAsync(await specialist.PostAsJsonAsync(Hooks, new { url = "https://hooks.example.com/x" }), HttpStatusCode.Forbidden, "role_not_allowed");
        await ProblemAsync(await customer.GetAsync(Hooks), HttpStatusCode.Forbidden, "role_not_allowed");
        await ProblemAsync(await anonymous.GetAsync(Hooks), HttpStatusCode.Unauthorized);
        await ProblemAsync(await specialist.DeleteAsync($"{Hooks}/{Guid.NewGuid()}"), HttpStatusCode.Forbidden, "role_not_allowed");
        await ProblemAsync(await customer.PostAsync($"{Hooks}/{Guid.NewGuid()}/enable", null), HttpStatusCode.Forbidden, "role_not_allowed");
    }
}
