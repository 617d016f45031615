using Slots.Client;

namespace Slots.Samples.FeedConsumer;

/// <summary>
/// Reads the feed from the stored position, a page at a time, with the generated client (<c>GET /api/events?after=</c>),
/// and hands each page to <see cref="HandledEvents"/>. A failure (the API away, a 429) waits and reads the same page
/// again; the position only moves with a committed page.
/// </summary>
public sealed partial class FeedFollower(SlotsApiClient api, HandledEvents handled, ConsumerOptions options, ILogger<FeedFollower> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var after = await handled.PositionAsync(stoppingToken);
                var page = await api.Api.Events.GetAsync(
                    c => (c.QueryParameters.After, c.QueryParameters.Limit) = (after, options.PageSize), stoppingToken) ?? [];
                failures = 0;
                if (page.Count == 0)
                {
                    await Task.Delay(options.Idle, stoppingToken);
                    continue;
                }

                await handled.FromFeedAsync(
                    [.. page.Select(e => new HandledEvents.Event(e.Id!.Value, e.Type!, e.Subject, e.Position!))], stoppingToken);
                LogPage(page.Count, page[^1].Position!);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(e);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(failures++, 7)))), stoppingToken);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Handled {Count} events up to {Position}.")]
    private partial void LogPage(int count, string position);

    [LoggerMessage(LogLevel.Warning, "Reading the feed failed; trying again.")]
    private partial void LogFailed(Exception exception);
}
