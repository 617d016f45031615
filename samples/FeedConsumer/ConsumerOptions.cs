namespace Slots.Samples.FeedConsumer;

/// <summary>The consumer's settings (<c>FeedConsumer:*</c>, or <c>FeedConsumer__*</c> in the environment).</summary>
public sealed class ConsumerOptions
{
    /// <summary>The API's address, <c>https://slots.example.com</c>.</summary>
    public Uri? Api { get; set; }

    /// <summary>A service token with <c>events:read</c> (from the identity provider; locally <c>./slots token --role service --scope events:read</c>).</summary>
    public string? Token { get; set; }

    /// <summary>The consumer's own PostgreSQL database, where it keeps its position and what it handled.</summary>
    public string? Database { get; set; }

    /// <summary>The webhook subscription's secret (<c>whsec_…</c>); without it, <c>POST /webhooks</c> takes nothing.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The consumer's name: its row in <c>feed_positions</c> (several consumers may share a database).</summary>
    public string Name { get; set; } = "feed-consumer";

    /// <summary>Events asked for per read.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>How long it waits when the feed had nothing new.</summary>
    public TimeSpan Idle { get; set; } = TimeSpan.FromMilliseconds(500);
}
