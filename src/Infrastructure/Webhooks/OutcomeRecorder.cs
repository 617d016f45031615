using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;
using static Slots.Infrastructure.Webhooks.DeliverySql;

namespace Slots.Infrastructure.Webhooks;

/// <summary>
/// Writes the sends' outcomes as they come, up to <see cref="Batch"/> per statement. Each is written only if the delivery
/// is still claimed by that attempt (its attempt number, still <c>sending</c>), so a late answer cannot overwrite a newer
/// attempt. A delivery that failed is due again after its wait, unless that passes the end of its retry window
/// (<see cref="WebhookOptions.GiveUpAfter"/>): then it is failed, and kept for a replay. The same statement keeps each
/// subscription's circuit breaker (<see cref="WebhookOptions.BreakAfter"/>). A batch that cannot be written is tried
/// again, <see cref="RecordAttempts"/> times with a doubling wait, and only then dropped: its deliveries' leases run out
/// and they are sent again (at least once).
/// </summary>
internal sealed partial class OutcomeRecorder(WebhookDatabase database, WebhookOptions options, ILogger<OutcomeRecorder> logger)
{
    /// <summary>Outcomes written per statement at most.</summary>
    public const int Batch = 512;

    /// <summary>Whether the tally <c>t</c> opens subscription <c>s</c>'s breaker: it brings its failures to <c>$8</c> while not parked.</summary>
    private const string Opens = "(NOT t.delivered AND s.failures + t.failed >= $8 AND (s.parked_until IS NULL OR s.parked_until <= now()))";

    /// <summary>
    /// The outcomes, as arrays: <c>$1</c> subscriptions, <c>$7</c> events, <c>$2</c> attempts, <c>$3</c> codes, <c>$4</c>
    /// errors, <c>$5</c> waits; <c>$6</c> the window. Then each subscription's circuit breaker, from the outcomes written:
    /// one delivered closes it; failures add up, and at <c>$8</c> in a row it opens for <c>$9</c> doubling with each park up
    /// to <c>$10</c>; failing for <c>$11</c> disables the subscription. The same write counts the deliveries given up
    /// and keeps the latest error, for the list. A subscription's row is written only when that changes something, so
    /// the outcomes of a healthy one cost it nothing.
    /// </summary>
    private static readonly string Sql = $"""
        WITH written AS (
            UPDATE webhook_deliveries d
            SET status = CASE WHEN o.error IS NULL THEN {Delivered} WHEN now() + o.delay > d.retry_from + $6 THEN {Failed} ELSE {Pending} END,
                delivered_at = CASE WHEN o.error IS NULL THEN now() END,
                next_attempt_at = CASE WHEN o.error IS NULL OR now() + o.delay > d.retry_from + $6 THEN NULL ELSE now() + o.delay END,
                last_status_code = o.code,
                last_error = o.error
            FROM unnest($1::uuid[], $7::uuid[], $2::int[], $3::int[], $4::text[], $5::interval[]) AS o(subscription, event, attempt, code, error, delay)
            WHERE d.subscription_id = o.subscription AND d.event_id = o.event AND d.attempts = o.attempt AND d.status = {Sending}
            RETURNING d.subscription_id, d.last_error IS NULL AS delivered, d.status = {Failed} AS gave_up, d.last_error),
        tally AS (
            SELECT subscription_id, bool_or(delivered) AS delivered, count(*) FILTER (WHERE NOT delivered)::int AS failed,
                   count(*) FILTER (WHERE gave_up)::int AS gave_up, (array_agg(last_error) FILTER (WHERE NOT delivered))[1] AS last_error
            FROM written GROUP BY subscription_id),
        breakers AS (
            UPDATE webhook_subscriptions s
            SET failures = CASE WHEN t.delivered THEN 0 ELSE s.failures + t.failed END,
                failing_since = CASE WHEN t.delivered THEN NULL ELSE coalesce(s.failing_since, now()) END,
                parks = CASE WHEN t.delivered THEN 0 WHEN {Opens} THEN s.parks + 1 ELSE s.parks END,
                parked_until = CASE WHEN t.delivered THEN NULL
                                    WHEN {Opens} THEN now() + least($9 * power(2, least(s.parks, 40)), $10)
                                    ELSE s.parked_until END,
                disabled_at = CASE WHEN NOT t.delivered AND s.failing_since <= now() - $11 THEN coalesce(s.disabled_at, now())
                                   ELSE s.disabled_at END,
                failed_count = s.failed_count + t.gave_up,
                last_error = CASE WHEN t.failed > 0 THEN t.last_error ELSE s.last_error END,
                last_failure_at = CASE WHEN t.failed > 0 THEN now() ELSE s.last_failure_at END
            FROM tally t
            WHERE s.id = t.subscription_id AND (t.failed > 0 OR s.failures > 0 OR s.parked_until IS NOT NULL))
        SELECT count(*)::int FROM written
        """;

    private readonly Channel<DeliveryOutcome> _outcomes = Channel.CreateUnbounded<DeliveryOutcome>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues an outcome for the next batch.</summary>
    public void Add(DeliveryOutcome outcome) => _outcomes.Writer.TryWrite(outcome);

    /// <summary>No more outcomes will come: <see cref="RunAsync"/> ends once it has written those queued.</summary>
    public void Complete() => _outcomes.Writer.TryComplete();

    /// <summary>Writes the queued outcomes in batches until <see cref="Complete"/>.</summary>
    public async Task RunAsync()
    {
        var batch = new List<DeliveryOutcome>(Batch);
        while (await _outcomes.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < Batch && _outcomes.Reader.TryRead(out var outcome))
            {
                batch.Add(outcome);
            }

            try
            {
                // The database may be back in a moment: the batch is tried again, and the error logged if it never is.
                await Retries.ExecuteAsync(async _ => await RecordAsync(batch), CancellationToken.None);
            }
            catch (Exception e)
            {
                LogRecordFailed(e, batch.Count, RecordAttempts);
            }

            batch.Clear();
        }
    }

    /// <summary>Writes <paramref name="outcomes"/> in one statement; returns how many deliveries changed.</summary>
    internal async Task<int> RecordAsync(IReadOnlyList<DeliveryOutcome> outcomes)
    {
        await using var command = database.Source.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. outcomes.Select(o => o.Subscription)] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. outcomes.Select(o => o.Attempt)] });
        command.Parameters.Add(new NpgsqlParameter<int?[]> { TypedValue = [.. outcomes.Select(o => o.Status)] });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. outcomes.Select(o => o.Error)] });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan[]> { TypedValue = [.. outcomes.Select(o => o.RetryDelay)] });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.GiveUpAfter });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. outcomes.Select(o => o.Event)] });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = options.BreakAfter });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.FirstRetryDelay });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.MaxRetryDelay });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.DisableAfter });
        return (int)(await command.ExecuteScalarAsync(CancellationToken.None))!;
    }

    /// <summary>Tries of one batch before it is dropped: about 6 s of waits in all.</summary>
    public const int RecordAttempts = 6;

    /// <summary>A batch's tries: after a failure, 200 ms, doubling (Polly's exponential back-off, without jitter).</summary>
    private static readonly ResiliencePipeline Retries = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = RecordAttempts - 1,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = false,
        })
        .Build();

    [LoggerMessage(LogLevel.Warning, "Recording the outcomes of {Count} webhook deliveries failed {Attempts} times; they will be sent again.")]
    private partial void LogRecordFailed(Exception exception, int count, int attempts);
}
