using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Slots.Tests.Shared;

namespace Slots.Drills;

/// <summary>
/// One answered (or unanswered) booking request of a load; <paramref name="Replayed"/> when the answer was the one kept for
/// its <c>Idempotency-Key</c> (<c>Idempotent-Replayed: true</c>).
/// </summary>
public sealed record Outcome(
    Guid Slot, string Customer, int Status, string? Code, bool IsProblem, bool HasRetryAfter, DateTime StartedAt, TimeSpan Took, Uri? Instance,
    bool Replayed = false)
{
    /// <summary>No HTTP answer at all: the client timed out (0) or the connection failed (-1).</summary>
    public bool Unanswered => Status <= 0;

    /// <summary>An answer a client may act on as final: the booking made (201) or refused (4xx but 408 and 429).</summary>
    public bool Settles => Attempt.SettledBy(Status);
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
/// random slot, round-robin over the API instances, until the scenario running beside it finishes. Each booking carries
/// its customer as its <c>Idempotency-Key</c>, so a client whose answer was lost (a 503, a timeout, a failed connection)
/// can send it again and learn what became of it (<see cref="SettleAsync"/>).
/// </summary>
public static class BookingLoad
{
    /// <summary>How long <see cref="SettleAsync"/> goes on sending bookings again before it leaves the rest unsettled.</summary>
    private static readonly TimeSpan SettleWithin = TimeSpan.FromSeconds(120);

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

    /// <summary>
    /// Each booking whose answer left its outcome open, sent again with its key (to the next process each time, again a
    /// quarter second later while unsettled, 16 at once) until an answer settles it: what a careful client does once the
    /// fault is over. Returns the last answer of every booking, in the order given: the first where it settled, the
    /// retry's otherwise.
    /// </summary>
    public static async Task<List<Outcome>> SettleAsync(IReadOnlyList<HttpClient> instances, IReadOnlyList<Outcome> outcomes)
    {
        var settled = outcomes.ToArray();
        var open = new ConcurrentQueue<int>(Enumerable.Range(0, settled.Length).Where(i => !settled[i].Settles));
        var giveUpAt = DateTime.UtcNow + SettleWithin;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            while (open.TryDequeue(out var i))
            {
                for (var attempt = 1; !settled[i].Settles && DateTime.UtcNow < giveUpAt; attempt++)
                {
                    if (attempt > 1)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(250));
                    }

                    settled[i] = await BookAsync(instances[(w + attempt) % instances.Count], settled[i].Slot, settled[i].Customer);
                }
            }
        })));
        return [.. settled];
    }

    public static async Task<Outcome> BookAsync(HttpClient client, Guid slot, string customer)
    {
        var startedAt = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/consulting-slots/{slot}/book")
            {
                Content = JsonContent.Create(new
                {
                    customerId = customer,
                    customerEmail = $"{customer}@drill.example",
                    customerName = customer,
                }),
            };
            request.Headers.Add("Idempotency-Key", customer);
            using var response = await client.SendAsync(request);
            var isProblem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            string? code = null;
            if (isProblem)
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                code = body.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
            }

            return new Outcome(
                slot, customer, (int)response.StatusCode, code, isProblem, response.Headers.RetryAfter is not null, startedAt, clock.Elapsed,
                client.BaseAddress, response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Contains("true"));
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
