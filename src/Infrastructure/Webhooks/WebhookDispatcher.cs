using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Slots.Application.Common.Events;
using Slots.Infrastructure.Events;
using StandardWebhooks;

namespace Slots.Infrastructure.Webhooks;

/// <summary>
/// Sends the outbox's events to the webhook subscriptions, in every API process. Each round:
/// <list type="number">
/// <item>Fan-out: one process at a time (the cursor row is taken with <c>FOR UPDATE SKIP LOCKED</c>) reads the events after
/// the cursor in feed order, as the feed does (only transactions older than every running one, so none is skipped), and
/// makes a delivery for each subscription that wants it, in one statement that also moves the cursor.</item>
/// <item>Claim: due deliveries are taken with <c>FOR UPDATE SKIP LOCKED</c> and marked <c>sending</c> until
/// <see cref="WebhookOptions.ClaimLease"/> from now, so no other process sends them meanwhile; a process that dies
/// mid-send leaves them to be claimed again when the lease runs out (delivery is at least once).</item>
/// <item>Send: signed by Standard Webhooks, with <see cref="WebhookOptions.SendTimeout"/>, no redirects, no proxy, and only
/// to addresses <see cref="WebhookTargets"/> allows at that moment. The outcome is written only if the claim is still this
/// attempt's (its attempt number), so a late answer cannot overwrite a newer attempt.</item>
/// </list>
/// Deliveries of one subscription are independent: one failing delivery does not hold up the rest, so they may arrive out of
/// order; each carries its feed <c>position</c> (and its slot's <c>version</c>) for the receiver to order them by.
/// </summary>
internal sealed partial class WebhookDispatcher(
    WebhookDatabase database, WebhookOptions options, WebhookTargets targets, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    /// <summary>Events fanned out per statement.</summary>
    private const int FanOutBatch = 1000;

    private const int MaxErrorLength = 500;

    private readonly SemaphoreSlim _free = new(options.Concurrency, options.Concurrency);

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectCallback = (context, ct) => targets.ConnectAsync(context.DnsEndPoint, ct),
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ConnectTimeout = options.SendTimeout,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan, // each send has its own, below
        DefaultRequestHeaders = { UserAgent = { new ProductInfoHeaderValue("consulting-slots-webhooks", "1") } },
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                busy = await RoundAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database may be down; the next round tries again.
                LogRoundFailed(e);
            }

            if (!busy)
            {
                try
                {
                    await Task.Delay(options.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        // Let the sends in flight finish (each is bounded by the send timeout); what is left is claimed again later.
        for (var i = 0; i < options.Concurrency; i++)
        {
            await _free.WaitAsync(CancellationToken.None);
        }
    }

    /// <summary>One fan-out and one claim; true when there may be more to do right away.</summary>
    public async Task<bool> RoundAsync(CancellationToken cancellationToken)
    {
        var fannedOut = await FanOutAsync(cancellationToken);
        var free = _free.CurrentCount;
        if (free == 0)
        {
            await _free.WaitAsync(cancellationToken);
            _free.Release();
            return true;
        }

        var claimed = await ClaimAsync(free, cancellationToken);
        foreach (var delivery in claimed)
        {
            await _free.WaitAsync(cancellationToken);
            _ = Task.Run(async () =>
            {
                try
                {
                    await SendAsync(delivery);
                }
                finally
                {
                    _free.Release();
                }
            }, CancellationToken.None);
        }

        return fannedOut == FanOutBatch || claimed.Count == free;
    }

    private async Task<int> FanOutAsync(CancellationToken cancellationToken)
    {
        await using var command = database.Source.CreateCommand($"""
            WITH cursor AS (SELECT tx, seq FROM webhook_fanout FOR UPDATE SKIP LOCKED),
            batch AS (
                SELECT e.id, e.type, e.tx, e.seq FROM events e, cursor c
                WHERE e.tx < pg_snapshot_xmin(pg_current_snapshot()) AND (e.tx, e.seq) > (c.tx, c.seq)
                ORDER BY e.tx, e.seq
                LIMIT {FanOutBatch}),
            made AS (
                INSERT INTO webhook_deliveries (subscription_id, event_id, status, attempts, next_attempt_at)
                SELECT s.id, b.id, 'pending', 0, now()
                FROM batch b JOIN webhook_subscriptions s ON b.tx >= s.start_tx AND (s.types IS NULL OR b.type = ANY (s.types))
                ORDER BY b.tx, b.seq, s.id
                ON CONFLICT DO NOTHING),
            moved AS (
                UPDATE webhook_fanout f SET tx = last.tx, seq = last.seq
                FROM (SELECT tx, seq FROM batch ORDER BY tx DESC, seq DESC LIMIT 1) last)
            SELECT count(*)::int FROM batch
            """);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<List<ClaimedDelivery>> ClaimAsync(int take, CancellationToken cancellationToken)
    {
        await using var command = database.Source.CreateCommand("""
            WITH due AS (
                SELECT id FROM webhook_deliveries
                WHERE status IN ('pending', 'sending') AND next_attempt_at <= now()
                ORDER BY next_attempt_at, seq
                LIMIT $1
                FOR UPDATE SKIP LOCKED)
            UPDATE webhook_deliveries d
            SET status = 'sending', attempts = d.attempts + 1, last_attempt_at = now(), next_attempt_at = now() + $2
            FROM due, webhook_subscriptions s, events e
            WHERE d.id = due.id AND s.id = d.subscription_id AND e.id = d.event_id
            RETURNING d.id, d.attempts, now(), s.url, s.secret, e.id, e.type, e.subject, e.time, e.tx::text, e.seq, e.data::text
            """);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = take });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.ClaimLease });
        var claimed = new List<ClaimedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedDelivery(
                reader.GetGuid(0), reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2), new Uri(reader.GetString(3)), reader.GetString(4),
                new FeedEvent(
                    reader.GetGuid(5), reader.GetString(6), reader.GetGuid(7), DateTime.SpecifyKind(reader.GetDateTime(8), DateTimeKind.Utc),
                    new EventPosition(ulong.Parse(reader.GetString(9), CultureInfo.InvariantCulture), reader.GetInt64(10)),
                    reader.GetString(11))));
        }

        return claimed;
    }

    private async Task SendAsync(ClaimedDelivery delivery)
    {
        int? status = null;
        string? error = null;
        try
        {
            using var timeout = new CancellationTokenSource(options.SendTimeout);
            using var request = Signed(delivery);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                error = response.StatusCode is >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest
                    ? $"HTTP {status} (redirects are not followed)"
                    : $"HTTP {status}";
            }
        }
        catch (OperationCanceledException)
        {
            error = $"No answer within {options.SendTimeout.TotalSeconds:0.###} s.";
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookTargetRefusedException refused)
        {
            error = "Target refused: " + refused.Message;
        }
        catch (HttpRequestException e)
        {
            error = e.HttpRequestError + ": " + e.Message;
        }

        try
        {
            await RecordAsync(delivery, status, error);
        }
        catch (Exception e)
        {
            // The claim runs out and the delivery is sent again: at least once.
            LogRecordFailed(e, delivery.Id);
        }
    }

    private static HttpRequestMessage Signed(ClaimedDelivery delivery)
    {
        var body = CloudEventJson.Encode(delivery.Event);
        var id = delivery.Event.Id.ToString();
        // The database's clock, as at the claim: the receivers check the timestamp against theirs.
        var signature = new StandardWebhook(delivery.Secret).Sign(id, delivery.ClaimedAt, Encoding.UTF8.GetString(body.Span));
        var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new ReadOnlyMemoryContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/cloudevents+json") { CharSet = "utf-8" } } },
        };
        var names = WebhookConfigurationOptions.StandardWebhooks;
        request.Headers.Add(names.IdHeaderKey, id);
        request.Headers.Add(names.TimestampHeaderKey, delivery.ClaimedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(names.SignatureHeaderKey, signature);
        return request;
    }

    private async Task RecordAsync(ClaimedDelivery delivery, int? status, string? error)
    {
        await using var command = error is null
            ? database.Source.CreateCommand("""
                UPDATE webhook_deliveries
                SET status = 'delivered', delivered_at = now(), next_attempt_at = NULL, last_status_code = $3, last_error = NULL
                WHERE id = $1 AND attempts = $2 AND status = 'sending'
                """)
            : database.Source.CreateCommand("""
                UPDATE webhook_deliveries
                SET status = CASE WHEN now() + $4 > retry_from + $5 THEN 'failed' ELSE 'pending' END,
                    next_attempt_at = CASE WHEN now() + $4 > retry_from + $5 THEN NULL ELSE now() + $4 END,
                    last_status_code = $3, last_error = $6
                WHERE id = $1 AND attempts = $2 AND status = 'sending'
                """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = delivery.Id });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = delivery.Attempt });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        if (error is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.RetryDelay(delivery.Attempt, Random.Shared.NextDouble()) });
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.GiveUpAfter });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error });
        }

        await command.ExecuteNonQueryAsync(CancellationToken.None);
        if (error is not null)
        {
            LogAttemptFailed(delivery.Id, delivery.Attempt, error);
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        _free.Dispose();
        base.Dispose();
    }

    private sealed record ClaimedDelivery(Guid Id, int Attempt, DateTimeOffset ClaimedAt, Uri Url, string Secret, FeedEvent Event);

    [LoggerMessage(LogLevel.Warning, "A webhook dispatch round failed; trying again shortly.")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(LogLevel.Warning, "Recording the outcome of webhook delivery {DeliveryId} failed; it will be sent again.")]
    private partial void LogRecordFailed(Exception exception, Guid deliveryId);

    [LoggerMessage(LogLevel.Information, "Webhook delivery {DeliveryId}, attempt {Attempt}, failed: {Error}")]
    private partial void LogAttemptFailed(Guid deliveryId, int attempt, string error);
}

/// <summary>The dispatcher's own few connections, apart from the requests' pool.</summary>
internal sealed class WebhookDatabase(NpgsqlDataSource source) : IAsyncDisposable
{
    public NpgsqlDataSource Source { get; } = source;

    public ValueTask DisposeAsync() => Source.DisposeAsync();
}
