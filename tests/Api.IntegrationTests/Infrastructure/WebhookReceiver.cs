using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardWebhooks;

namespace Slots.Api.IntegrationTests.Infrastructure;

/// <summary>
/// A real HTTP receiver on a loopback port, as a subscriber would run one: it verifies every request's signature with the
/// Standard Webhooks library and the subscription's secret (401 when it does not verify), records what it accepted, and
/// answers as the test says (a status, or no answer at all until released). It can be stopped and started again on the
/// same port, as a receiver that goes down.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _inFlight = new();
    private WebApplication? _app;
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebhookReceiver(int port) => Port = port;

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/hooks");

    /// <summary>The secret to verify with; set once the subscription is made.</summary>
    public string? Secret { get; set; }

    /// <summary>The status to answer with.</summary>
    public int Answer { get; set; } = StatusCodes.Status204NoContent;

    /// <summary>Hold every request unanswered until <see cref="Release"/>.</summary>
    public bool Hang { get; set; }

    /// <summary>How long to take over each answer.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Every verified request, in the order they arrived, answered or not.</summary>
    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Requests whose signature did not verify.</summary>
    public ConcurrentQueue<string> Rejected { get; } = new();

    /// <summary>Requests to <c>/elsewhere</c>, where a 3xx answer points.</summary>
    public int RedirectedHits => _redirectedHits;

    private int _redirectedHits;

    /// <summary>The most requests for one event id that were in flight at once.</summary>
    public int MostAtOnce { get; private set; }

    /// <summary>The events accepted with a 2xx answer, by id, first arrival only.</summary>
    public IReadOnlyList<Received> Accepted =>
        Requests.Where(r => r.Answered is >= 200 and < 300).DistinctBy(r => r.Id).ToList();

    public static async Task<WebhookReceiver> StartAsync(int port = 0)
    {
        var receiver = new WebhookReceiver(port == 0 ? FreePort() : port);
        await receiver.StartAsync();
        return receiver;
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hooks", HandleAsync);
        app.MapPost("/elsewhere", () =>
        {
            Interlocked.Increment(ref _redirectedHits);
            return Results.NoContent();
        });
        await app.StartAsync();
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Answers the requests held by <see cref="Hang"/>, and stops holding new ones.</summary>
    public void Release()
    {
        Hang = false;
        _released.TrySetResult();
    }

    /// <summary>Waits until <paramref name="done"/> holds for what was accepted, or fails after <paramref name="patience"/>.</summary>
    public Task<IReadOnlyList<Received>> WaitForAsync(Func<IReadOnlyList<Received>, bool> done, TimeSpan patience, string what) =>
        Polling.UntilAsync(
            () => Accepted, done, patience, accepted => $"{what}; accepted {accepted.Count}, requests {Requests.Count}, rejected {Rejected.Count}");

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        try
        {
            new StandardWebhook(Secret ?? throw new InvalidOperationException("no secret yet")).Verify(body, http.Request.Headers);
        }
        catch (Exception e)
        {
            Rejected.Enqueue(e.Message);
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var id = http.Request.Headers["webhook-id"].ToString();
        var atOnce = _inFlight.AddOrUpdate(id, 1, (_, n) => n + 1);
        MostAtOnce = Math.Max(MostAtOnce, atOnce);
        var received = new Received(id, JsonDocument.Parse(body).RootElement.Clone(), http.Request.ContentType)
        {
            Body = body,
            Timestamp = http.Request.Headers["webhook-timestamp"].ToString(),
            Signature = http.Request.Headers["webhook-signature"].ToString(),
        };
        Requests.Enqueue(received);
        try
        {
            if (Hang)
            {
                await _released.Task.WaitAsync(http.RequestAborted);
            }

            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, http.RequestAborted);
            }

            received.Answered = Answer;
            http.Response.StatusCode = Answer;
            if (Answer is >= 300 and < 400)
            {
                http.Response.Headers.Location = $"http://127.0.0.1:{Port}/elsewhere";
            }
        }
        finally
        {
            _inFlight.AddOrUpdate(id, 0, (_, n) => n - 1);
        }
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await StopAsync();
    }

    /// <summary>One verified request: the event's id (<c>webhook-id</c>) and the CloudEvent it carried.</summary>
    public sealed record Received(string Id, JsonElement Event, string? ContentType)
    {
        /// <summary>When it arrived, by this machine's clock.</summary>
        public DateTime ReceivedAt { get; } = DateTime.UtcNow;

        public int? Answered { get; set; }

        public string Type => Event.GetProperty("type").GetString()!;

        public string Subject => Event.GetProperty("subject").GetString()!;

        public string Position => Event.GetProperty("position").GetString()!;

        public string Body { get; init; } = "";

        public string Timestamp { get; init; } = "";

        /// <summary>The <c>webhook-signature</c> header: one <c>v1,…</c> signature, or several, space-separated.</summary>
        public string Signature { get; init; } = "";

        /// <summary>
        /// Whether a receiver that knows only <paramref name="secret"/> accepts this request, as the specification has it:
        /// when any of its signatures verifies. Each is checked alone, since the StandardWebhooks package (1.1.2) checks
        /// only the first of several.
        /// </summary>
        public bool VerifiesWith(string secret) => Signature.Split(' ').Any(signature =>
        {
            try
            {
                new StandardWebhook(secret).Verify(
                    Body, new HeaderDictionary { ["webhook-id"] = Id, ["webhook-timestamp"] = Timestamp, ["webhook-signature"] = signature });
                return true;
            }
            catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
            {
                return false;
            }
        });
    }
}
