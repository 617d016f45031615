using System.Net.Http.Json;
using System.Text.Json;
using Slots.Tests.Shared;

namespace Slots.Drills;

/// <summary>
/// Booking load as careful clients make it: each booking under an <c>Idempotency-Key</c> of its own, sent again with the
/// same key after a 503 (waiting its <c>Retry-After</c>), a timeout or a failed connection, until an answer settles it;
/// one booking in four cancelled again by its client the same way. Every request goes to the history, one JSON line each,
/// as soon as it is answered or given up on.
/// </summary>
public sealed class RetryingLoad(IReadOnlyList<HttpClient> instances, IReadOnlyList<Guid> slots, string tag, TextWriter history)
{
    /// <summary>How long a client waits for an answer before it gives up on the request and sends it again.</summary>
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a key may go on being retried once the load stops; one still open then is reported unsettled.</summary>
    private static readonly TimeSpan SettleWithin = TimeSpan.FromSeconds(60);

    private readonly Lock _write = new();

    /// <summary>Runs <paramref name="workers"/> clients until <paramref name="scenario"/> ends, then lets each settle its last key.</summary>
    public async Task RunAsync(int workers, Func<Task> scenario)
    {
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var key = $"{tag}-{w}-{n}";
                var slot = slots[random.Next(slots.Count)];
                var instance = (w + n) % instances.Count;
                var booked = await SettleAsync(Attempt.Book, key, slot, instance, stop.Token);
                if (booked == 201 && random.Next(4) == 0)
                {
                    await SettleAsync(Attempt.Cancel, key, slot, instance, stop.Token);
                }
            }
        })).ToList();

        try
        {
            await scenario();
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(clients);
        }
    }

    /// <summary>
    /// Sends one request until an answer settles it, each attempt to the next process; returns the settling status, or the
    /// last one when the load had stopped <see cref="SettleWithin"/> before.
    /// </summary>
    private async Task<int> SettleAsync(string op, string key, Guid slot, int instance, CancellationToken stopped)
    {
        DateTime? giveUpAt = null;
        for (var number = 1; ; number++)
        {
            var attempt = await SendAsync(op, key, slot, number, instances[(instance + number - 1) % instances.Count]);
            if (attempt.Settles)
            {
                return attempt.Status;
            }

            if (stopped.IsCancellationRequested)
            {
                giveUpAt ??= DateTime.UtcNow + SettleWithin;
                if (DateTime.UtcNow > giveUpAt)
                {
                    return attempt.Status;
                }
            }

            // Retry-After says a second; a client with a key may come sooner, and these come back within a quarter.
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private async Task<Attempt> SendAsync(string op, string key, Guid slot, int number, HttpClient client)
    {
        var sentAt = DateTime.UtcNow;
        Attempt attempt;
        try
        {
            using var timeout = new CancellationTokenSource(ClientTimeout);
            using var request = op == Attempt.Book
                ? new HttpRequestMessage(HttpMethod.Post, $"/api/consulting-slots/{slot}/book")
                {
                    Content = JsonContent.Create(new { customerId = key, customerEmail = $"{key}@drill.example", customerName = key }),
                }
                : new HttpRequestMessage(HttpMethod.Delete, $"/api/consulting-slots/{slot}/book/{key}");
            request.Headers.Add("Idempotency-Key", key);
            using var response = await client.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var answeredAt = DateTime.UtcNow;
            var (code, booking) = Read(body, response.Content.Headers.ContentType?.MediaType);
            attempt = new Attempt(op, key, slot, key, number, sentAt, answeredAt, (int)response.StatusCode, code, booking,
                response.Headers.RetryAfter is not null, (int)response.StatusCode >= 500 ? body : null);
        }
        catch (OperationCanceledException)
        {
            attempt = new Attempt(op, key, slot, key, number, sentAt, null, 0, "timeout", null, false, null);
        }
        catch (HttpRequestException e)
        {
            attempt = new Attempt(op, key, slot, key, number, sentAt, DateTime.UtcNow, -1, e.Message, null, false, null);
        }

        var line = PartitionHistory.ToLine(attempt);
        lock (_write)
        {
            history.WriteLine(line);
        }

        return attempt;
    }

    /// <summary>A problem's <c>code</c>, or the booking a created booking names.</summary>
    private static (string? Code, Guid? Booking) Read(string body, string? mediaType)
    {
        if (body.Length == 0 || mediaType is not ("application/json" or "application/problem+json"))
        {
            return (null, null);
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return (
            root.TryGetProperty("code", out var code) ? code.GetString() : null,
            root.TryGetProperty("bookingId", out var booking) && booking.TryGetGuid(out var id) ? id : null);
    }
}
