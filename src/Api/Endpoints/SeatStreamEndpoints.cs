using System.Text;
using FluentValidation;
using Microsoft.AspNetCore.Http.Features;
using Slots.Api.Security;
using Slots.Application.Common;
using Slots.Application.Slots.StreamAvailableSlots;

namespace Slots.Api.Endpoints;

/// <summary>The customers' view kept current in an open page: its seat changes as Server-Sent Events.</summary>
public static class SeatStreamEndpoints
{
    public const string LastEventIdHeader = "Last-Event-ID";

    /// <summary>How long a browser waits before it reconnects a dropped stream.</summary>
    private const int ReconnectMilliseconds = 2_000;

    public static void MapSeatStream(this RouteGroupBuilder specialists) =>
        specialists.MapGet("/{specialistEmail}/available-slots/stream", StreamAsync).WithName("streamAvailableSlots")
            .WithSummary("Follow a specialist's bookable slots live")
            .WithDescription("Server-Sent Events (`text/event-stream`) for the customers' view of the specialist: `event: seats` "
                + "with `{slotId, seatsLeft, totalCapacity, status}` when a slot's seats change (bookings and live holds "
                + "counted); `event: removed` (the same fields) when a slot leaves the view (full, closed, deleted, started); "
                + "`event: reset` when the page should read the view again (a series changed, or the stream cannot resume); "
                + "first `event: ready`. Each event's `id` is its feed position: a reconnect with `Last-Event-ID` gets what it "
                + "missed, or `reset` when that is no longer at hand. A comment every 15 s keeps proxies open. One reader of "
                + "the events feed per process serves every stream; a client that reads too slowly is dropped and reconnects. "
                + "Anonymous; at most `Slots:Streams:MaxPerAddress` (20) open streams per client address and "
                + "`Slots:Streams:MaxStreams` (2,000) per process, beyond which 429 `rate_limited` with `Retry-After`.")
            .AllowAnonymous()
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task StreamAsync(
        string specialistEmail, HttpContext http, ISeatStreams streams, IValidator<SeatStreamRequest> validator, RequestLoad load,
        CancellationToken ct)
    {
        var lastEventId = http.Request.Headers[LastEventIdHeader].FirstOrDefault();
        await validator.ValidateAndThrowAsync(new SeatStreamRequest(specialistEmail, lastEventId), ct);
        using var stream = streams.Open(specialistEmail, http.Connection.RemoteIpAddress?.ToString(), lastEventId)
            ?? throw new TooManyRequestsException("As many seat streams are open as may be.", TimeSpan.FromSeconds(5));
        // An open stream waits; it is not work in flight for the notifier to give way to.
        using var waiting = load.Waiting();
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var body = http.Response.Body;
        await WriteAsync(body, $"retry: {ReconnectMilliseconds}\n\n", ct);
        foreach (var message in stream.First)
        {
            await WriteAsync(body, Format(message), ct);
        }

        await body.FlushAsync(ct);
        Task<bool>? next = null;
        while (true)
        {
            next ??= stream.Changes.WaitToReadAsync(ct).AsTask();
            try
            {
                if (!await next.WaitAsync(streams.Heartbeat, ct))
                {
                    return; // dropped: the client reconnects with its last id
                }
            }
            catch (TimeoutException)
            {
                await WriteAsync(body, ": keep-alive\n\n", ct);
                await body.FlushAsync(ct);
                continue;
            }

            next = null;
            while (stream.Changes.TryRead(out var message))
            {
                await WriteAsync(body, Format(message), ct);
            }

            await body.FlushAsync(ct);
        }
    }

    private static string Format(SeatMessage message) => $"id: {message.Id}\nevent: {message.Event}\ndata: {message.Data}\n\n";

    private static ValueTask WriteAsync(Stream body, string text, CancellationToken ct) => body.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
}
