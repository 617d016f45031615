using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
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
/// the cursor in feed order, as the feed does (only transactions older than every running one, so none is skipped), makes
/// a delivery for each subscription that wants it, already claimed by this process, and moves the cursor: one statement.</item>
/// <item>Claim: deliveries due for a retry (or left by a process that died) are taken with <c>FOR UPDATE SKIP LOCKED</c>.</item>
/// <item>Send: signed by Standard Webhooks, with <see cref="WebhookOptions.SendTimeout"/>, no redirects, no proxy, and only
/// to addresses <see cref="WebhookTargets"/> allows at that moment.</item>
/// <item>Record: the outcomes are written in batches, each only if the claim is still that attempt's (its attempt number),
/// so a late answer cannot overwrite a newer attempt.</item>
/// </list>
/// A claimed delivery is <c>sending</c> until its lease (<see cref="WebhookOptions.ClaimLease"/>) runs out, so no other process sends it meanwhile; a process that dies mid-send leaves it to be
/// claimed again then: delivery is at least once. Deliveries of one subscription are independent: one failing delivery
/// does not hold up the rest, so they may arrive out of order; each carries its feed <c>position</c> (and its slot's
/// <c>version</c>) for the receiver to order them by.
/// </summary>
internal sealed partial class WebhookDispatcher(
    WebhookDatabase database, WebhookOptions options, WebhookTargets targets, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    private const int MaxErrorLength = 500;

    /// <summary>Events fanned out per statement at most.</summary>
    private const int FanOutBatch = 1000;

    /// <summary>Outcomes written per statement at most.</summary>
    private const int RecordBatch = 512;

    private readonly SemaphoreSlim _sending = new(options.Concurrency, options.Concurrency);
    private readonly Channel<Outcome> _outcomes = Channel.CreateUnbounded<Outcome>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, StandardWebhook> _signers = new(StringComparer.Ordinal);

    /// <summary>Deliveries claimed by this process and not yet answered.</summary>
    private int _claimed;

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectCallback = (context, ct) => targets.ConnectAsync(context.DnsEndPoint, ct),
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        // Shorter than the common servers' keep-alive (Node.js closes an idle connection after 5 s): a connection the
        // receiver may already have closed is not reused, so a send does not fail on it.
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(4),
        ConnectTimeout = options.SendTimeout,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan, // each send has its own, below
        DefaultRequestHeaders = { UserAgent = { new ProductInfoHeaderValue("consulting-slots-webhooks", "1") } },
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var recorder = Task.Run(RecordOutcomesAsync, CancellationToken.None);
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

        // Let the sends in flight finish (each is bounded by the send timeout) and their outcomes be written; what is left
        // is claimed again once its lease runs out.
        while (Volatile.Read(ref _claimed) > 0)
        {
            await Task.Delay(20, CancellationToken.None);
        }

        _outcomes.Writer.Complete();
        await recorder;
    }

    /// <summary>One fan-out and one claim; true when there may be more to do right away.</summary>
    private async Task<bool> RoundAsync(CancellationToken cancellationToken)
    {
        // Claim no more than twice what is sent at once, so that each claimed delivery starts within one send timeout and
        // ends within two: within its lease (WebhookOptions.ClaimLease).
        var room = (options.Concurrency * 2) - Volatile.Read(ref _claimed);
        if (room <= 0)
        {
            await Task.Delay(5, cancellationToken);
            return true;
        }

        var (events, fannedOut) = await FanOutAsync(room, cancellationToken);
        Send(fannedOut);
        var claimed = fannedOut.Count < room ? await ClaimAsync(room - fannedOut.Count, cancellationToken) : [];
        Send(claimed);
        return events == FanOutBatch || claimed.Count == room - fannedOut.Count;
    }

    private void Send(List<ClaimedDelivery> deliveries)
    {
        Interlocked.Add(ref _claimed, deliveries.Count);
        foreach (var delivery in deliveries)
        {
            _ = Task.Run(async () =>
            {
                await _sending.WaitAsync(CancellationToken.None);
                try
                {
                    _outcomes.Writer.TryWrite(await SendAsync(delivery));
                }
                finally
                {
                    _sending.Release();
                    Interlocked.Decrement(ref _claimed);
                }
            }, CancellationToken.None);
        }
    }

    /// <summary>
    /// The fan-out, one statement: lock the cursor, read up to <c>$1</c> events after it from transactions no longer in
    /// flight, make their deliveries (the first <c>$2</c> claimed with the lease <c>$3</c>), move the cursor, and return the
    /// claimed ones with their subscription and event.
    /// </summary>
    /// <remarks>
    /// The events are read LATERAL to the cursor, so that its position bounds the index scan on <c>(tx, seq)</c>. Joined
    /// plainly, the planner read every event before the cursor and dropped them in a join filter, on every poll (ten a
    /// second): 3.4 ms at 9,000 events, a growing share of PostgreSQL as the outbox grew (QueryPlanTests). The cursor is
    /// named by its key, so the planner knows it is one row even before the table was ever analyzed: estimated at the
    /// default 1,700 rows, the statement cost enough for PostgreSQL to JIT-compile it on every poll, 1.2 s each (the
    /// dropped-connections drill's three processes then left PostgreSQL little time for bookings).
    /// </remarks>
    internal const string FanOutSql = """
    WITH cursor AS (SELECT tx, seq FROM webhook_fanout WHERE id = 1 FOR UPDATE SKIP LOCKED),
    batch AS (
        SELECT e.id, e.type, e.subject, e.time, e.tx, e.seq, e.data
        FROM cursor c CROSS JOIN LATERAL (
            SELECT id, type, subject, time, tx, seq, data FROM events
            WHERE tx < pg_snapshot_xmin(pg_current_snapshot()) AND (tx, seq) > (c.tx, c.seq)
            ORDER BY tx, seq
            LIMIT $1) e),
    made AS (
        INSERT INTO webhook_deliveries (subscription_id, event_id, status, attempts, last_attempt_at, next_attempt_at)
        SELECT subscription, event, CASE WHEN n <= $2 THEN 'sending' ELSE 'pending' END, CASE WHEN n <= $2 THEN 1 ELSE 0 END,
               CASE WHEN n <= $2 THEN now() END, CASE WHEN n <= $2 THEN now() + $3 ELSE now() END
        FROM (
            SELECT s.id AS subscription, b.id AS event, row_number() OVER (ORDER BY b.tx, b.seq, s.id) AS n
            FROM batch b JOIN webhook_subscriptions s ON b.tx >= s.start_tx AND (s.types IS NULL OR b.type = ANY (s.types))) wanted
        ON CONFLICT DO NOTHING
        RETURNING subscription_id, event_id, attempts, status),
    moved AS (
        UPDATE webhook_fanout f SET tx = last.tx, seq = last.seq
        FROM (SELECT tx, seq FROM batch ORDER BY tx DESC, seq DESC LIMIT 1) last)
    SELECT (SELECT count(*)::int FROM batch), m.subscription_id, m.attempts, now(), s.url, s.secret,
           b.id, b.type, b.subject, b.time, b.tx::text, b.seq, b.data::text
    FROM (SELECT 1) one
    LEFT JOIN (made m JOIN webhook_subscriptions s ON s.id = m.subscription_id JOIN batch b ON b.id = m.event_id)
        ON m.status = 'sending'
    ORDER BY b.tx, b.seq
    """;

    /// <summary>
    /// Up to <see cref="FanOutBatch"/> events after the cursor become deliveries: the first <paramref name="claim"/> claimed by
    /// this process, the rest due at once for any process to claim. Returns how many events were read and the deliveries
    /// claimed. (Many events may be for no subscription at all; a batch as small as the room to send would crawl past them.)
    /// </summary>
    private async Task<(int Events, List<ClaimedDelivery> Deliveries)> FanOutAsync(int claim, CancellationToken cancellationToken)
    {
        await using var command = database.Source.CreateCommand(FanOutSql);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = FanOutBatch });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = claim });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.ClaimLease });
        var events = 0;
        var made = new List<ClaimedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events = reader.GetInt32(0);
            if (!reader.IsDBNull(1))
            {
                made.Add(Read(reader, 1));
            }
        }

        return (events, made);
    }

    private async Task<List<ClaimedDelivery>> ClaimAsync(int take, CancellationToken cancellationToken)
    {
        await using var command = database.Source.CreateCommand("""
            WITH due AS (
                SELECT subscription_id, event_id FROM webhook_deliveries
                WHERE status IN ('pending', 'sending') AND next_attempt_at <= now()
                ORDER BY next_attempt_at, event_id
                LIMIT $1
                FOR UPDATE SKIP LOCKED)
            UPDATE webhook_deliveries d
            SET status = 'sending', attempts = d.attempts + 1, last_attempt_at = now(), next_attempt_at = now() + $2
            FROM due, webhook_subscriptions s, events e
            WHERE d.subscription_id = due.subscription_id AND d.event_id = due.event_id AND s.id = d.subscription_id AND e.id = d.event_id
            RETURNING d.subscription_id, d.attempts, now(), s.url, s.secret, e.id, e.type, e.subject, e.time, e.tx::text, e.seq, e.data::text
            """);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = take });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.ClaimLease });
        var claimed = new List<ClaimedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(Read(reader, 0));
        }

        return claimed;
    }

    /// <summary>A claimed delivery from the columns at <paramref name="at"/>: subscription, attempt, now, url, secret, the event's.</summary>
    private static ClaimedDelivery Read(NpgsqlDataReader reader, int at) => new(
        reader.GetGuid(at), reader.GetInt32(at + 1), reader.GetFieldValue<DateTimeOffset>(at + 2), new Uri(reader.GetString(at + 3)),
        reader.GetString(at + 4),
        new FeedEvent(
            reader.GetGuid(at + 5), reader.GetString(at + 6), reader.GetGuid(at + 7), DateTime.SpecifyKind(reader.GetDateTime(at + 8), DateTimeKind.Utc),
            EventFeed.Position(reader.GetString(at + 9), reader.GetInt64(at + 10)),
            reader.GetString(at + 11)));

    private async Task<Outcome> SendAsync(ClaimedDelivery delivery)
    {
        int? status = null;
        string? error;
        try
        {
            using var timeout = new CancellationTokenSource(options.SendTimeout);
            using var request = Signed(delivery);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            error = response.IsSuccessStatusCode ? null
                : response.StatusCode is >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest
                    ? $"HTTP {status} (redirects are not followed)"
                    : $"HTTP {status}";
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

        if (error is not null)
        {
            LogAttemptFailed(delivery.Event.Id, delivery.Subscription, delivery.Attempt, error);
        }

        return new Outcome(
            delivery.Subscription, delivery.Event.Id, delivery.Attempt, status, error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error,
            error is null ? TimeSpan.Zero : options.RetryDelay(delivery.Attempt, Random.Shared.NextDouble()));
    }

    private HttpRequestMessage Signed(ClaimedDelivery delivery)
    {
        var body = CloudEventJson.Encode(delivery.Event);
        var id = delivery.Event.Id.ToString();
        // The database's clock, as at the claim: the receivers check the timestamp against theirs.
        var signature = _signers.GetOrAdd(delivery.Secret, secret => new StandardWebhook(secret)).Sign(id, delivery.ClaimedAt, Encoding.UTF8.GetString(body.Span));
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

    /// <summary>
    /// Writes the outcomes as they come, many per statement. A batch that fails is lost: its deliveries' leases run out and
    /// they are sent again (at least once).
    /// </summary>
    private async Task RecordOutcomesAsync()
    {
        var batch = new List<Outcome>(RecordBatch);
        while (await _outcomes.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < RecordBatch && _outcomes.Reader.TryRead(out var outcome))
            {
                batch.Add(outcome);
            }

            try
            {
                await RecordAsync(batch);
            }
            catch (Exception e)
            {
                LogRecordFailed(e, batch.Count);
            }

            batch.Clear();
        }
    }

    private async Task RecordAsync(List<Outcome> outcomes)
    {
        await using var command = database.Source.CreateCommand("""
            UPDATE webhook_deliveries d
            SET status = CASE WHEN o.error IS NULL THEN 'delivered' WHEN now() + o.delay > d.retry_from + $6 THEN 'failed' ELSE 'pending' END,
                delivered_at = CASE WHEN o.error IS NULL THEN now() END,
                next_attempt_at = CASE WHEN o.error IS NULL OR now() + o.delay > d.retry_from + $6 THEN NULL ELSE now() + o.delay END,
                last_status_code = o.code,
                last_error = o.error
            FROM unnest($1::uuid[], $7::uuid[], $2::int[], $3::int[], $4::text[], $5::interval[]) AS o(subscription, event, attempt, code, error, delay)
            WHERE d.subscription_id = o.subscription AND d.event_id = o.event AND d.attempts = o.attempt AND d.status = 'sending'
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. outcomes.Select(o => o.Subscription)] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. outcomes.Select(o => o.Attempt)] });
        command.Parameters.Add(new NpgsqlParameter<int?[]> { TypedValue = [.. outcomes.Select(o => o.Status)] });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. outcomes.Select(o => o.Error)] });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan[]> { TypedValue = [.. outcomes.Select(o => o.RetryDelay)] });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.GiveUpAfter });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. outcomes.Select(o => o.Event)] });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    public override void Dispose()
    {
        _http.Dispose();
        _sending.Dispose();
        base.Dispose();
    }

    private sealed record ClaimedDelivery(Guid Subscription, int Attempt, DateTimeOffset ClaimedAt, Uri Url, string Secret, FeedEvent Event);

    /// <summary>An attempt's answer: <see cref="Error"/> null when delivered; otherwise the wait before the next attempt.</summary>
    private sealed record Outcome(Guid Subscription, Guid Event, int Attempt, int? Status, string? Error, TimeSpan RetryDelay);

    [LoggerMessage(LogLevel.Warning, "A webhook dispatch round failed; trying again shortly.")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(LogLevel.Warning, "Recording the outcomes of {Count} webhook deliveries failed; they will be sent again.")]
    private partial void LogRecordFailed(Exception exception, int count);

    [LoggerMessage(LogLevel.Information, "Webhook delivery of event {EventId} to subscription {SubscriptionId}, attempt {Attempt}, failed: {Error}")]
    private partial void LogAttemptFailed(Guid eventId, Guid subscriptionId, int attempt, string error);
}

/// <summary>The dispatcher's own few connections, apart from the requests' pool.</summary>
internal sealed class WebhookDatabase(NpgsqlDataSource source) : IAsyncDisposable
{
    public NpgsqlDataSource Source { get; } = source;

    public ValueTask DisposeAsync() => Source.DisposeAsync();
}
