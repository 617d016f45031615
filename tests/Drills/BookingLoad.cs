using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Slots.Drills;

/// <summary>One answered (or unanswered) booking request of a load.</summary>
public sealed record Outcome(
    Guid Slot, string Customer, int Status, string? Code, bool IsProblem, bool HasRetryAfter, DateTime StartedAt, TimeSpan Took, Uri? Instance)
{
    /// <summary>No HTTP answer at all: the client timed out (0) or the connection failed (-1).</summary>
    public bool Unanswered => Status <= 0;
}

/// <summary>A running load as its scenario sees it: the answers so far, and which bookings are still waiting for theirs.</summary>
public sealed class LiveLoad
{
    private readonly ConcurrentDictionary<long, DateTime> _inFlight = new();
    private long _next;

    public ConcurrentQueue<Outcome> Outcomes { get; } = new();

    /// <summary>Whether every booking sent before <paramref name="moment"/> has been answered (or given up on).</summary>
    public bool AnsweredAllSentBefore(DateTime moment) => !_inFlight.Values.Any(sentAt => sentAt < moment);

    /// <summary>Waits until <see cref="AnsweredAllSentBefore"/> holds for <paramref name="moment"/>.</summary>
    public async Task AnsweredAsync(DateTime moment)
    {
        while (!AnsweredAllSentBefore(moment))
        {
            await Task.Delay(10);
        }
    }

    internal async Task SendAsync(Func<Task<Outcome>> booking)
    {
        var id = Interlocked.Increment(ref _next);
        _inFlight[id] = DateTime.UtcNow;
        try
        {
            Outcomes.Enqueue(await booking());
        }
        finally
        {
            _inFlight.TryRemove(id, out _);
        }
    }
}

/// <summary>
/// Booking load through an admin token (not rate limited): every request books a new customer on a
/// random slot, round-robin over the API instances, until the scenario running beside it finishes.
/// </summary>
public static class BookingLoad
{
    public static async Task<List<Outcome>> RunAsync(
        IReadOnlyList<HttpClient> instances, IReadOnlyList<Guid> slots, int workers, string tag,
        Func<LiveLoad, Task> scenario)
    {
        var live = new LiveLoad();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var client = instances[(w + n) % instances.Count];
                var slot = slots[random.Next(slots.Count)];
                var customer = $"{tag}-{w}-{n}";
                await live.SendAsync(() => BookAsync(client, slot, customer));
            }
        })).ToList();

        try
        {
            await scenario(live);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }

        return [.. live.Outcomes];
    }

    public static async Task<Outcome> BookAsync(HttpClient client, Guid slot, string customer)
    {
        var startedAt = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await client.PostAsJsonAsync($"/api/consulting-slots/{slot}/book", new
            {
                customerId = customer,
                customerEmail = $"{customer}@drill.example",
                customerName = customer,
            });
            var isProblem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            string? code = null;
            if (isProblem)
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                code = body.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
            }

            return new Outcome(
                slot, customer, (int)response.StatusCode, code, isProblem, response.Headers.RetryAfter is not null, startedAt, clock.Elapsed,
                client.BaseAddress);
        }
        catch (TaskCanceledException)
        {
            return new Outcome(slot, customer, 0, "timeout", false, false, startedAt, clock.Elapsed, client.BaseAddress);
        }
        catch (HttpRequestException e)
        {
            return new Outcome(slot, customer, -1, e.Message, false, false, startedAt, clock.Elapsed, client.BaseAddress);
        }
    }
}
