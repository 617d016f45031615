namespace Slots.Infrastructure.Webhooks;

/// <summary><c>Slots:Webhooks</c>: how deliveries are made and retried.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Slots:Webhooks";

    /// <summary>Also allow <c>http</c> and loopback targets (development and tests). Link-local and metadata addresses never are.</summary>
    public bool AllowInsecureTargets { get; set; }

    /// <summary>Whether this process sends deliveries. Any number of processes may; each delivery is claimed by one.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>How long a receiver has to answer.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a connection to a receiver may take to open, within <see cref="SendTimeout"/>: a host that drops the
    /// packets is given up on long before one that is slow to answer.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Deliveries one subscription may have in flight at once, across every process: a receiver that hangs holds no more
    /// of the send slots than this, and the others are sent beside it.
    /// </summary>
    public int MaxInFlightPerSubscription { get; set; } = 64;

    /// <summary>
    /// Failed attempts in a row after which a subscription is parked (its circuit breaker opens): nothing is sent to it for
    /// a while, <see cref="FirstRetryDelay"/> doubling with each park up to <see cref="MaxRetryDelay"/>; then one delivery
    /// at a time probes it until one is delivered.
    /// </summary>
    public int BreakAfter { get; set; } = 5;

    /// <summary>How long a subscription may fail without a single delivery before it is disabled.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>The wait before the first retry; each further one doubles it, up to <see cref="MaxRetryDelay"/>, with jitter.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a delivery is retried before it is marked failed (and kept for a replay).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a delivered delivery is kept, counted from its event, before <see cref="DeliverySweeper"/> forgets it.</summary>
    public TimeSpan KeepDeliveredFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a delivery given up is kept for a replay, counted from its event; its event stays in the feed.</summary>
    public TimeSpan KeepFailedFor { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How often an idle dispatcher looks for new events and due deliveries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Deliveries one process has in flight at most, over every subscription.</summary>
    public int Concurrency { get; set; } = 256;

    /// <summary>
    /// How long a claimed delivery stays claimed: longer than it can wait in its process's queue (one send timeout, see
    /// <see cref="WebhookDispatcher"/>) and then take to send (another), so that no other dispatcher sends it at the same
    /// time; a process that dies mid-send leaves it to be claimed again once this has passed.
    /// </summary>
    public TimeSpan ClaimLease => (2 * SendTimeout) + TimeSpan.FromSeconds(5);

    /// <summary>The wait before retry number <paramref name="attempt"/> + 1: doubling, capped, and then between half and all of it.</summary>
    public TimeSpan RetryDelay(int attempt, double jitter) => Jittered(FirstRetryDelay, attempt, MaxRetryDelay, jitter);

    /// <summary>The <paramref name="n"/>th doubled wait (<see cref="Doubling"/>), between half and all of it by <paramref name="jitter"/> (0-1).</summary>
    internal static TimeSpan Jittered(TimeSpan first, int n, TimeSpan cap, double jitter) => Doubling(first, n, cap) * (0.5 + (0.5 * jitter));

    /// <summary>The <paramref name="n"/>th of a series of waits that starts at <paramref name="first"/> and doubles up to <paramref name="cap"/>.</summary>
    internal static TimeSpan Doubling(TimeSpan first, int n, TimeSpan cap) =>
        TimeSpan.FromMilliseconds(Math.Min(first.TotalMilliseconds * Math.Pow(2, Math.Clamp(n - 1, 0, 40)), cap.TotalMilliseconds));
}
