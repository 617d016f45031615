using Npgsql;

namespace Slots.Samples.FeedConsumer;

/// <summary>
/// The consumer's own tables: its position in the feed, and every event it handled, by id. A page of the feed is handled
/// and the position moved in one transaction, so a consumer killed at any moment resumes where its last commit left it:
/// nothing is missed and nothing is handled twice. A webhook delivery of an event the feed brings too (or brought
/// already) is handled once, whichever comes first; the counts say how often each way brought it.
/// </summary>
public sealed class HandledEvents(NpgsqlDataSource database, ConsumerOptions options)
{
    public async Task CreateAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand("""
            CREATE TABLE IF NOT EXISTS feed_positions (consumer text PRIMARY KEY, position text NOT NULL);
            CREATE TABLE IF NOT EXISTS handled_events (
                event_id uuid PRIMARY KEY, type text NOT NULL, subject uuid, position text NOT NULL, first_via text NOT NULL,
                handled_at timestamptz NOT NULL DEFAULT now(), from_feed int NOT NULL DEFAULT 0, from_webhook int NOT NULL DEFAULT 0);
            """);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Where the consumer stopped; null before its first event (the feed then starts at its beginning).</summary>
    public async Task<string?> PositionAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT position FROM feed_positions WHERE consumer = $1");
        command.Parameters.AddWithValue(options.Name);
        return await command.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>A page of the feed, handled and the position moved past it, or neither.</summary>
    public async Task FromFeedAsync(IReadOnlyList<Event> page, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var e in page)
        {
            await HandleAsync(connection, e, "feed", ct);
        }

        await using (var position = new NpgsqlCommand("""
            INSERT INTO feed_positions (consumer, position) VALUES ($1, $2)
            ON CONFLICT (consumer) DO UPDATE SET position = excluded.position
            """, connection, transaction))
        {
            position.Parameters.AddWithValue(options.Name);
            position.Parameters.AddWithValue(page[^1].Position);
            await position.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>One event a webhook delivered (verified): handled unless the feed or an earlier delivery brought it.</summary>
    public async Task FromWebhookAsync(Event e, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await HandleAsync(connection, e, "webhook", ct);
    }

    /// <summary>The work on one event: here, recording it; a real consumer does its own in the same transaction, once.</summary>
    private static async Task HandleAsync(NpgsqlConnection connection, Event e, string via, CancellationToken ct)
    {
        var count = via == "feed" ? "from_feed" : "from_webhook";
        await using var command = new NpgsqlCommand($"""
            INSERT INTO handled_events (event_id, type, subject, position, first_via, {count}) VALUES ($1, $2, $3, $4, $5, 1)
            ON CONFLICT (event_id) DO UPDATE SET {count} = handled_events.{count} + 1
            RETURNING xmax = 0
            """, connection);
        command.Parameters.AddWithValue(e.Id);
        command.Parameters.AddWithValue(e.Type);
        command.Parameters.AddWithValue((object?)e.Subject ?? DBNull.Value);
        command.Parameters.AddWithValue(e.Position);
        command.Parameters.AddWithValue(via);
        var first = (bool)(await command.ExecuteScalarAsync(ct))!;
        if (first)
        {
            // The event's effect goes here (a ledger line, a message to a team, ...), in this transaction.
        }
    }

    /// <summary>What the consumer needs of an event, from the feed or from a delivery.</summary>
    public sealed record Event(Guid Id, string Type, Guid? Subject, string Position);
}
