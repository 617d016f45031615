using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Slots.Api.IntegrationTests.Infrastructure;

/// <summary>
/// What the webhook tests share: subscribing a receiver, reading deliveries and the feed, waiting for things. Each test
/// ends the subscriptions it made: left behind, their receivers gone, every later test's events would be retried to them
/// for the rest of the run (with the tests' short schedule, every few seconds), a load that starves the race tests.
/// </summary>
public abstract class WebhookTestBase(SlotsApiFactory factory) : ApiTestBase(factory), IAsyncLifetime
{
    protected const string Hooks = "/api/webhooks";

    private HashSet<Guid> _before = [];

    public async Task InitializeAsync() => _before = await SubscriptionsAsync();

    public async Task DisposeAsync()
    {
        foreach (var webhook in (await SubscriptionsAsync()).Except(_before))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"{Hooks}/{webhook}")).StatusCode);
        }
    }

    private async Task<HashSet<Guid>> SubscriptionsAsync() =>
        [.. (await BodyAsync(await Client.GetAsync(Hooks))).EnumerateArray().Select(w => w.GetProperty("id").GetGuid())];

    protected async Task<JsonElement> HealthAsync(Guid webhook) =>
        (await BodyAsync(await Client.GetAsync(Hooks))).EnumerateArray()
            .Single(w => w.GetProperty("id").GetGuid() == webhook).GetProperty("health");

    /// <summary>The fan-out has moved past the slot's creation event: every subscription that wanted it has its delivery.</summary>
    protected Task EventuallyFannedOutAsync(Guid slot) =>
        UntilAsync(
            () => Factory.ScalarAsync<bool>(
                "SELECT (f.tx, f.seq) >= (e.tx, e.seq) FROM webhook_fanout f, events e WHERE e.subject = $1 AND e.type = 'slots.slot.created'", slot),
            "the fan-out never reached the event");

    protected async Task<Guid> SubscribeAsync(WebhookReceiver receiver, HttpClient? client = null)
    {
        var response = await (client ?? Client).PostAsJsonAsync(Hooks, new { url = receiver.Url });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await BodyAsync(response);
        receiver.Secret = created.GetProperty("secret").GetString();
        return created.GetProperty("id").GetGuid();
    }

    protected async Task<List<JsonElement>> DeliveriesAsync(Guid webhook, string query = "")
    {
        var response = await Client.GetAsync($"{Hooks}/{webhook}/deliveries{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await BodyAsync(response)).EnumerateArray()];
    }

    protected static List<WebhookReceiver.Received> OfSlot(IEnumerable<WebhookReceiver.Received> received, Guid slot) =>
        received.Where(r => r.Subject == slot.ToString()).OrderBy(r => Position(r.Position)).ToList();

    protected static (ulong Tx, long Seq) Position(string position)
    {
        var parts = position.Split('-');
        return (ulong.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The slot's events as the feed has them, in feed order: (id, position).</summary>
    protected async Task<List<(string Id, string Position)>> FeedOfSlotAsync(Guid slot)
    {
        var all = new List<(string, string)>();
        string? after = null;
        while (true)
        {
            var response = await Client.GetAsync($"/api/events?limit=500{(after is null ? "" : "&after=" + after)}");
            var page = (await BodyAsync(response)).EnumerateArray().ToList();
            all.AddRange(page.Where(e => e.GetProperty("subject").GetString() == slot.ToString())
                .Select(e => (e.GetProperty("id").GetString()!, e.GetProperty("position").GetString()!)));
            if (!response.Headers.Contains("Link"))
            {
                return all;
            }

            after = page[^1].GetProperty("position").GetString();
        }
    }
}

public static class JsonElements
{
    public static JsonElement? FirstOrNull(this IEnumerable<JsonElement> elements, Func<JsonElement, bool>? predicate = null)
    {
        foreach (var e in elements)
        {
            if (predicate is null || predicate(e))
            {
                return e;
            }
        }

        return null;
    }
}
