using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Slots.Application.Calendars;
using Slots.Application.Common;
using Slots.Application.Common.Idempotency;
using Slots.Application.Customers;
using Slots.Application.Events;
using Slots.Application.Notifications;
using Slots.Application.Specialists;
using Slots.Application.Slots;
using Slots.Application.Slots.ImportSlots;
using Slots.Application.Slots.Policies;
using Slots.Application.Webhooks;
using Slots.Application.Slots.StreamAvailableSlots;
using Slots.Infrastructure.Events;
using Slots.Infrastructure.Idempotency;
using Slots.Infrastructure.Notifications;
using Slots.Infrastructure.Persistence;
using Slots.Infrastructure.Persistence.Replicas;
using Slots.Infrastructure.Webhooks;

namespace Slots.Infrastructure;

public static class DependencyInjection
{
    /// <param name="keyCertificate">
    /// Encrypts the Data Protection keys that seal the webhook secrets; without one (local runs only) they are stored plain.
    /// </param>
    public static IServiceCollection AddInfrastructure(
        this IServiceCollection services, string connectionString, WebhookOptions webhooks, X509Certificate2? keyCertificate,
        EventOptions? events = null, MailOptions? mail = null, SeatStreamOptions? streams = null, ReplicaOptions? replicas = null)
    {
        var tuned = Tuned(connectionString);
        var requests = new NpgsqlConnectionStringBuilder(tuned);
        CancellationThreads.Reserve(
            requests.MaxPoolSize * ((replicas ?? new ReplicaOptions()).IsOn(requests) ? 2 : 1) + WorkerPools.All);
        services.AddSingleton(sp => new ReplicaReads(
            tuned, replicas ?? new ReplicaOptions(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ReplicaReads>>()));
        services.AddHostedService(sp => sp.GetRequiredService<ReplicaReads>());
        services.AddScoped<CommitPosition>();
        services.AddSingleton(new ReadGate(requests.MaxPoolSize));
        services.AddDbContextPool<SlotsDbContext>(options => options
            .UseNpgsql(
                tuned,
                npgsql => npgsql.ExecutionStrategy(dependencies => new RetryStrategy(dependencies)))
            .AddInterceptors(SlotsDbContext.Interceptors)
            // A constraint that fires is an expected answer (a 409), a client that hangs up cancels its
            // transaction, and a cut connection is retried on a fresh one; none is an incident. Failures that are
            // incidents reach the API's exception handler, which logs them with their exception.
            .ConfigureWarnings(w => w.Log(
                (RelationalEventId.ConnectionError, LogLevel.Debug),
                (CoreEventId.QueryIterationFailed, LogLevel.Debug),
                (RelationalEventId.CommandError, LogLevel.Debug),
                (RelationalEventId.TransactionError, LogLevel.Debug),
                (CoreEventId.SaveChangesFailed, LogLevel.Debug))));
        services.AddSingleton<DatabaseCircuit>();
        services.AddSingleton<IDatabaseFailures, NpgsqlFailures>();
        services.AddScoped<ISlotRepository, SlotRepository>();
        services.AddScoped<ISlotReader, SlotReader>();
        services.AddScoped<ISpecialistPolicies, SpecialistPolicies>();
        services.AddScoped<ISpecialistProfiles, SpecialistProfiles>();
        services.AddScoped<ICalendarFeeds, Calendars.CalendarFeeds>();
        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<IEventOutbox, EventOutbox>();
        services.AddScoped<IEventFeed, EventFeed>();
        services.AddScoped<ICustomerData, Customers.CustomerData>();
        services.AddScoped<IIdempotencyStore, IdempotencyStore>();
        services.AddScoped<ISlotImport, Import.SlotImporter>();
        services.AddSingleton<IdempotencySweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<IdempotencySweeper>());
        services.AddSingleton(streams ?? new SeatStreamOptions());
        services.AddSingleton<SeatStreams>();
        services.AddSingleton<ISeatStreams>(sp => sp.GetRequiredService<SeatStreams>());
        services.AddHostedService(sp => sp.GetRequiredService<SeatStreams>());
        services.AddSingleton<HoldSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<HoldSweeper>());
        services.AddSingleton(events ?? new EventOptions());
        services.AddSingleton<EventSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<EventSweeper>());
        services.AddHostedService(sp => new FeedLagProbe(tuned, sp.GetRequiredService<ILogger<FeedLagProbe>>()));
        AddWebhooks(services, tuned, webhooks, keyCertificate);
        AddNotifications(services, tuned, mail ?? new MailOptions());
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// The subscriptions' store and the dispatcher, which has a pool of its own (a fan-out, a claim and the outcomes of the
    /// sends in flight need a few connections, and must not queue behind the requests).
    /// </summary>
    private static void AddWebhooks(IServiceCollection services, string connectionString, WebhookOptions options, X509Certificate2? keyCertificate)
    {
        services.AddSingleton(options);
        // One key ring for every process (they open each other's sealed secrets), in the database, each key encrypted with
        // the certificate. The application name keeps the keys apart from any other application's in the same table.
        var keys = services.AddDataProtection().SetApplicationName("consulting-slots").PersistKeysToDbContext<SlotsDbContext>();
        if (keyCertificate is not null)
        {
            keys.ProtectKeysWithCertificate(keyCertificate);
        }

        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<SecretSealer>();
        services.AddHostedService(sp => sp.GetRequiredService<SecretSealer>());
        services.AddSingleton<HostResolver>(Dns.GetHostAddressesAsync);
        services.AddSingleton<WebhookTargets>();
        services.AddSingleton<IWebhookTargets>(sp => sp.GetRequiredService<WebhookTargets>());
        services.AddScoped<IWebhookStore, WebhookStore>();
        services.AddSingleton<DeliverySweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliverySweeper>());
        if (options.DispatcherEnabled)
        {
            services.AddSingleton(new WebhookDatabase(WorkerPools.Create(connectionString, WorkerPools.Webhooks, "webhooks")));
            services.AddSingleton<WebhookFanOut>();
            services.AddSingleton<DeliveryClaim>();
            services.AddSingleton<WebhookSender>();
            services.AddSingleton<OutcomeRecorder>();
            services.AddHostedService<WebhookDispatcher>();
        }
    }

    /// <summary>
    /// The notifier, when mail is configured: a pool of two of its own (the fan-out, the claim and the outcomes run one
    /// after the other), so that it never queues behind the requests nor they behind it.
    /// </summary>
    private static void AddNotifications(IServiceCollection services, string connectionString, MailOptions options)
    {
        services.AddSingleton(options);
        // Read here, as the process starts (an instance, not a factory): a bad value fails the start, not a booking.
        services.AddSingleton(new ReminderSchedule(options));
        services.AddSingleton<RequestLoad>();
        services.AddSingleton<ICalendarWriter, Calendars.IcalCalendarWriter>();
        services.AddScoped<INotificationStore, NotificationStore>();
        services.AddScoped<INotificationOutbox, NotificationOutbox>();
        if (options.Enabled && options.NotifierEnabled)
        {
            services.AddSingleton(new NotificationQueue(WorkerPools.Create(connectionString, WorkerPools.Notifier, "notifier"), options));
            services.AddSingleton<MailComposer>();
            services.AddSingleton<MailSender>();
            services.AddHostedService<Notifier>();
        }
    }

    /// <summary>
    /// Four connections per core (at least 8): enough to keep PostgreSQL busy, while further requests wait
    /// their turn in Npgsql's pool (first come, first served) instead of adding backends that compete for
    /// the same cores (Npgsql's default of 100 did worse on 2 cores: docs/performance.md).
    /// </summary>
    private static readonly int ConnectionsPerProcess = Math.Max(8, 4 * Environment.ProcessorCount);

    /// <summary>
    /// Bounds on every wait a session may do: a row lock held longer than a request's budget by another process
    /// (<c>lock_timeout</c>, 503 <c>slot_busy</c>), a statement running past five seconds (<c>statement_timeout</c>), a
    /// transaction left idle by a stuck client for ten (<c>idle_in_transaction_session_timeout</c>: its locks are
    /// released). Added to the <c>Options</c> a connection string passes, each unless it sets that one itself: an
    /// operator's <c>-c search_path=...</c> no longer drops them all.
    /// </summary>
    private static readonly (string Name, string Value)[] SessionTimeouts =
        [("lock_timeout", "2000"), ("statement_timeout", "5000"), ("idle_in_transaction_session_timeout", "10000")];

    /// <summary>The connection string's <c>Options</c> with each session timeout it does not set itself added.</summary>
    internal static string WithSessionTimeouts(string? options) =>
        SessionTimeouts
            .Where(t => !System.Text.RegularExpressions.Regex.IsMatch(options ?? "", $@"(^|\s)(-c\s*|--){t.Name}\s*="))
            .Aggregate(options ?? "", (all, t) => $"{all} -c {t.Name}={t.Value}")
            .Trim();

    /// <summary>
    /// Server-side prepared statements for the few statements the service sends over and over (PostgreSQL
    /// then skips parsing and planning them), unless the connection string sets its own count; a pool of
    /// <see cref="ConnectionsPerProcess"/> unless it sets its own size; no DISCARD ALL when a connection goes
    /// back to the pool, since nothing here leaves session state behind (the advisory locks end with their
    /// transaction); the <see cref="SessionTimeouts"/>; TCP keepalives, so a peer that vanished without a word
    /// is noticed within about 20 seconds; and a cancelled statement's connection given up after 250 ms instead
    /// of 2 s when the server does not confirm the cancellation (the request's budget has run out by then).
    /// </summary>
    /// <summary>
    /// The client's own bound on a statement (Npgsql's default is 30 s), for when the server's <c>statement_timeout</c>
    /// cannot help: behind a network partition its answer never arrives, and a statement whose cancellation was lost
    /// on the way would otherwise wait this long.
    /// </summary>
    private const int ClientCommandTimeoutSeconds = 5;

    private static string Tuned(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = WithSessionTimeouts(builder.Options);

        if (!connectionString.Contains("Command Timeout", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("CommandTimeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.CommandTimeout = ClientCommandTimeoutSeconds;
        }

        builder.TcpKeepAlive = true;
        builder.TcpKeepAliveTime = 10;
        builder.TcpKeepAliveInterval = 2;
        builder.CancellationTimeout = 250;
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 32;
        }

        if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("Max Pool Size", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = ConnectionsPerProcess;
        }

        builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }
}
