using MailKit.Security;
using MimeKit;
using Slots.Application.Common;
using Slots.Infrastructure.Webhooks;

namespace Slots.Infrastructure.Notifications;

/// <summary>
/// <c>Slots:Mail</c>: the SMTP server the notifications go through, and how they are retried. Without a <see cref="Host"/>
/// no notification is made or sent. The password comes from configuration or the environment only
/// (<c>Slots__Mail__Password</c>), never from a file in the repository.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Slots:Mail";

    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>MailKit's choice of TLS: <c>Auto</c>, <c>None</c>, <c>SslOnConnect</c>, <c>StartTls</c> or <c>StartTlsWhenAvailable</c>.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, <c>Name &lt;address&gt;</c>; its domain also names the invites (<c>booking-{id}@{domain}</c>).</summary>
    public string From { get; set; } = "Consulting Slots <no-reply@consulting-slots.invalid>";

    /// <summary>Whether this process sends notifications (any number may; each is claimed by one).</summary>
    public bool NotifierEnabled { get; set; } = true;

    /// <summary>How often an idle notifier looks for new events and due retries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// While the process is busy (<see cref="RequestLoad.Busy"/>), the notifier runs a round (up to <see cref="Batch"/>
    /// messages) at most this often, so that bookings get the cores; mail then lags and catches up once the load eases.
    /// </summary>
    public TimeSpan BusyRoundInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The SMTP server's time to connect and to answer each command.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait before the first retry; each further one doubles it, up to <see cref="MaxRetryDelay"/>, with jitter.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a notification is retried before it is marked failed (and kept, for an admin to retry).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// When customers are reminded of a booked session, before its start: durations, comma-separated (<c>1.00:00:00</c> is
    /// a day). Empty: no reminders.
    /// </summary>
    public string Reminders { get; set; } = "1.00:00:00,01:00:00";

    /// <summary><see cref="Reminders"/>, read: each more than a minute and at most 30 days before the start.</summary>
    /// <exception cref="InvalidOperationException">One is not such a duration.</exception>
    internal TimeSpan[] ReminderOffsets => [.. Reminders.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(text => TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var offset)
            && offset >= TimeSpan.FromMinutes(1) && offset <= TimeSpan.FromDays(30)
                ? offset
                : throw new InvalidOperationException(
                    $"{Section}:Reminders: '{text}' is not a duration from a minute to 30 days (such as 1.00:00:00 or 01:00:00)."))
        .Distinct()];

    /// <summary>Notifications one claim takes, sent over one SMTP connection.</summary>
    public int Batch { get; set; } = 50;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    /// <summary>How long a claim holds a notification: a process that dies mid-send leaves it to another after this.</summary>
    internal TimeSpan ClaimLease => (Timeout * 3) + TimeSpan.FromSeconds(5);

    internal MailboxAddress Sender => MailboxAddress.Parse(From);

    /// <summary>The wait after failed attempt <paramref name="attempt"/>: doubling, capped, between half and all of it.</summary>
    internal TimeSpan RetryDelay(int attempt, double jitter) => WebhookOptions.Jittered(FirstRetryDelay, attempt, MaxRetryDelay, jitter);
}
