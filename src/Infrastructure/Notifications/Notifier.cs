using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Slots.Application.Common;
using Slots.Infrastructure.Webhooks;

namespace Slots.Infrastructure.Notifications;

/// <summary>
/// Mails the notifications, in every process that has <see cref="MailOptions.NotifierEnabled"/>: each round makes the
/// notifications of the new events (<see cref="NotificationQueue"/>), claims the due ones, composes and sends them over
/// one SMTP connection, and records how each went. Nothing here is in a booking's way: a booking only writes its event, and
/// a mail server that is down or slow delays the mail, never the booking. At least once: a process that dies between
/// sending and recording leaves the message to be sent again after its claim's lease, with the same <c>Message-ID</c>, so
/// mail clients fold the two. While the process is busy serving requests, it runs a round at most every
/// <see cref="MailOptions.BusyRoundInterval"/>: the mail lags behind a burst and catches up after it, and the cores go to
/// the bookings.
/// </summary>
internal sealed partial class Notifier(
    NotificationQueue queue, MailComposer composer, MailSender sender, MailOptions options, RequestLoad load, TimeProvider clock,
    ILogger<Notifier> logger)
    : BackgroundService
{
    /// <summary>How often a notifier giving way to a busy process looks again.</summary>
    private static readonly TimeSpan BusyPoll = TimeSpan.FromMilliseconds(50);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        // Real time, not the service's clock (which tests move): the pace is about the cores, not about due dates.
        var lastRound = Stopwatch.StartNew();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (load.Busy && lastRound.Elapsed < options.BusyRoundInterval)
            {
                await Task.Delay(BusyPoll, stoppingToken);
                continue;
            }

            lastRound.Restart();
            int worked;
            try
            {
                worked = await RoundAsync(stoppingToken);
                if (failures > 0)
                {
                    LogRecovered(failures);
                    failures = 0;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                if (failures++ == 0)
                {
                    LogRoundFailed(e);
                }

                await Task.Delay(WebhookOptions.Doubling(TimeSpan.FromMilliseconds(100), failures, TimeSpan.FromSeconds(30)), stoppingToken);
                continue;
            }

            if (worked == 0)
            {
                await Task.Delay(options.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>One round; how much it did (events read and notifications handled), 0 when idle.</summary>
    internal async Task<int> RoundAsync(CancellationToken cancellationToken)
    {
        var (events, _) = await queue.FanOutAsync(cancellationToken);
        var claimed = await queue.ClaimAsync(clock.GetUtcNow(), cancellationToken);
        if (claimed.Count == 0)
        {
            return events;
        }

        var invites = new Dictionary<(Guid, int, string), string>();
        var composed = claimed.Select(n => (Notification: n, Message: composer.Compose(n, invites))).ToList();
        var toSend = composed.Where(c => c.Message is not null).ToList();
        var errors = await sender.SendAsync([.. toSend.Select(c => c.Message!)], CancellationToken.None);
        var outcomes = composed.Where(c => c.Message is null)
            .Select(c => new NotificationOutcome(c.Notification.Id, c.Notification.Attempt, null, TimeSpan.Zero, Skipped: true))
            .ToList();
        for (var i = 0; i < toSend.Count; i++)
        {
            var (notification, error) = (toSend[i].Notification, errors[i]);
            if (error is not null)
            {
                LogSendFailed(notification.Id, notification.Attempt, error);
            }

            outcomes.Add(new NotificationOutcome(
                notification.Id, notification.Attempt, error,
                error is null ? TimeSpan.Zero : options.RetryDelay(notification.Attempt, Random.Shared.NextDouble()), Skipped: false));
        }

        // The outcomes are written even while stopping: a sent message left "sending" would be sent again.
        await queue.RecordAsync(outcomes, CancellationToken.None);
        return events + claimed.Count;
    }

    [LoggerMessage(LogLevel.Warning, "A notifier round failed; backing off, and counting the failures until one succeeds.")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(LogLevel.Information, "The notifier works again, after {Failures} failed rounds.")]
    private partial void LogRecovered(int failures);

    [LoggerMessage(LogLevel.Information, "Notification {NotificationId}, attempt {Attempt}, failed: {Error}")]
    private partial void LogSendFailed(Guid notificationId, int attempt, string error);
}
