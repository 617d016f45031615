using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Slots.Infrastructure.Webhooks;

/// <summary>
/// Sends the outbox's events to the webhook subscriptions, in every API process, in rounds: the fan-out
/// (<see cref="WebhookFanOut"/>) and the claim (<see cref="DeliveryClaim"/>) hand it deliveries, each is sent
/// (<see cref="WebhookSender"/>) and its outcome recorded (<see cref="OutcomeRecorder"/>). At least once: a delivery whose
/// process dies mid-send is claimed again once its lease runs out. Deliveries are independent, so they may arrive out of
/// order; each carries its feed position.
/// </summary>
internal sealed partial class WebhookDispatcher(
    WebhookFanOut fanOut, DeliveryClaim claim, WebhookSender sender, OutcomeRecorder recorder, WebhookOptions options,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    /// <summary>Deliveries claimed by this process and not yet answered.</summary>
    private int _claimed;

    /// <summary>
    /// Released when a send ends: its subscription has room again (<see cref="WebhookOptions.MaxInFlightPerSubscription"/>),
    /// so an idle loop looks for more at once rather than after its poll interval. One release stands for any number.
    /// </summary>
    private readonly SemaphoreSlim _sendEnded = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var recording = Task.Run(recorder.RunAsync, CancellationToken.None);
        try
        {
            while (true)
            {
                var round = await RoundAsync(stoppingToken);
                if (round == Round.Failed)
                {
                    await Task.Delay(BackOff(_failedRounds), stoppingToken);
                }
                else if (round == Round.Idle && await _sendEnded.WaitAsync(options.PollInterval, stoppingToken))
                {
                    // Woken by a send's end: let the ends of the sends around it come in too, so that a busy process runs
                    // a round per few dozen sends, not one per send (which cost the bench a fifth of a booking's CPU).
                    await Task.Delay(WakeBatching, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the sends in flight end within their timeout and their outcomes are written; anything else this
            // process claimed is claimed again once its lease runs out.
            while (Volatile.Read(ref _claimed) > 0)
            {
                await Task.Delay(20, CancellationToken.None);
            }

            recorder.Complete();
            await recording;
        }
    }

    /// <summary>
    /// How long a round woken by a send's end waits for more ends first, so that the rounds stay a few dozen a second
    /// however many sends end (a round per send cost the bench's bookings about 150 µs of API CPU each, and the
    /// database's time beside them); a subscription at its cap still gets its next deliveries within this (64 every
    /// 20 ms is over 3,000 a second).
    /// </summary>
    public static readonly TimeSpan WakeBatching = TimeSpan.FromMilliseconds(20);

    /// <summary>The first wait after a failed round; it doubles with each further one, up to <see cref="MaxBackOff"/>.</summary>
    public static readonly TimeSpan FirstBackOff = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(30);

    /// <summary>Rounds failed in a row (the database is down, say); 0 while they succeed.</summary>
    private int _failedRounds;

    private long _failingSince;

    private enum Round
    {
        /// <summary>There may be more to do at once.</summary>
        Busy,

        /// <summary>Nothing more for now: wait for the poll interval or a send's end.</summary>
        Idle,

        Failed,
    }

    /// <summary>The wait after <paramref name="failures"/> rounds failed in a row: 100 ms doubling, at most 30 s.</summary>
    internal static TimeSpan BackOff(int failures) => WebhookOptions.Doubling(FirstBackOff, failures, MaxBackOff);

    /// <summary>
    /// One fan-out and one claim. No more is claimed than twice what is sent at once, so each claimed delivery starts
    /// within one send timeout and ends within two: within its lease. A failure is logged once, when a run of them begins;
    /// the end of the run is logged with how many rounds failed and for how long.
    /// </summary>
    private async Task<Round> RoundAsync(CancellationToken cancellationToken)
    {
        var room = (options.Concurrency * 2) - Volatile.Read(ref _claimed);
        try
        {
            if (room <= 0)
            {
                await Task.Delay(5, cancellationToken);
                return Round.Busy;
            }

            var (events, fannedOut) = await fanOut.RunAsync(room, cancellationToken);
            Send(fannedOut);
            var claimed = fannedOut.Count < room ? await claim.ClaimAsync(room - fannedOut.Count, cancellationToken) : [];
            Send(claimed);
            if (_failedRounds > 0)
            {
                LogRecovered(_failedRounds, Stopwatch.GetElapsedTime(_failingSince));
                _failedRounds = 0;
            }

            return events == WebhookFanOut.Batch || claimed.Count == room - fannedOut.Count ? Round.Busy : Round.Idle;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (_failedRounds++ == 0)
            {
                _failingSince = Stopwatch.GetTimestamp();
                LogRoundFailed(e, MaxBackOff.TotalSeconds);
            }

            return Round.Failed;
        }
    }

    private void Send(List<ClaimedDelivery> deliveries)
    {
        Interlocked.Add(ref _claimed, deliveries.Count);
        foreach (var delivery in deliveries)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    recorder.Add(await sender.SendAsync(delivery));
                }
                finally
                {
                    Wake(); // before the count falls, so that a stopping loop has not disposed of the semaphore yet
                    Interlocked.Decrement(ref _claimed);
                }
            }, CancellationToken.None);
        }
    }

    private void Wake()
    {
        try
        {
            _sendEnded.Release();
        }
        catch (SemaphoreFullException)
        {
            // already woken
        }
    }

    public override void Dispose()
    {
        _sendEnded.Dispose();
        base.Dispose();
    }

    [LoggerMessage(LogLevel.Warning, "A webhook dispatch round failed; trying again with back-off (up to every {MaxSeconds} s), and logging only when it works again.")]
    private partial void LogRoundFailed(Exception exception, double maxSeconds);

    [LoggerMessage(LogLevel.Information, "Webhook dispatch works again after {Rounds} failed rounds in {Elapsed}.")]
    private partial void LogRecovered(int rounds, TimeSpan elapsed);
}
