using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using static Slots.Infrastructure.Webhooks.DeliverySql;

namespace Slots.Infrastructure.Webhooks;

/// <summary>
/// Writes the sends' outcomes as they come, up to <see cref="Batch"/> per statement. Each is written only if the delivery
/// is still claimed by that attempt (its attempt number, still <c>sending</c>), so a late answer cannot overwrite a newer
/// attempt. A delivery that failed is due again after its wait, unless that passes the end of its retry window
/// (<see cref="WebhookOptions.GiveUpAfter"/>): then it is failed, and kept for a replay. A batch that cannot be written is
/// lost: its deliveries' leases run out and they are sent again (at least once).
/// </summary>
internal sealed partial class OutcomeRecorder(WebhookDatabase database, WebhookOptions options, ILogger<OutcomeRecorder> logger)
{
    /// <summary>Outcomes written per statement at most.</summary>
    public const int Batch = 512;

    /// <summary>The outcomes, as arrays: <c>$1</c> subscriptions, <c>$7</c> events, <c>$2</c> attempts, <c>$3</c> codes, <c>$4</c> errors, <c>$5</c> waits; <c>$6</c> the window.</summary>
    private static readonly string Sql = $"""
        UPDATE webhook_deliveries d
        SET status = CASE WHEN o.error IS NULL THEN {Delivered} WHEN now() + o.delay > d.retry_from + $6 THEN {Failed} ELSE {Pending} END,
            delivered_at = CASE WHEN o.error IS NULL THEN now() END,
            next_attempt_at = CASE WHEN o.error IS NULL OR now() + o.delay > d.retry_from + $6 THEN NULL ELSE now() + o.delay END,
            last_status_code = o.code,
            last_error = o.error
        FROM unnest($1::uuid[], $7::uuid[], $2::int[], $3::int[], $4::text[], $5::interval[]) AS o(subscription, event, attempt, code, error, delay)
        WHERE d.subscription_id = o.subscription AND d.event_id = o.event AND d.attempts = o.attempt AND d.status = {Sending}
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
                await RecordAsync(batch);
            }
            catch (Exception e)
            {
                LogRecordFailed(e, batch.Count);
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
        return await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    [LoggerMessage(LogLevel.Warning, "Recording the outcomes of {Count} webhook deliveries failed; they will be sent again.")]
    private partial void LogRecordFailed(Exception exception, int count);
}
