using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Slots.Api.IntegrationTests.Contract;
using Slots.Infrastructure.Persistence;
using Slots.Infrastructure.Webhooks;

namespace Slots.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The real API on real Kestrel sockets, on a fresh PostgreSQL database made for this run and dropped
/// afterwards. The clock is a <see cref="FakeTimeProvider"/> that starts at the real time, so tests can
/// move past a slot's start.
/// </summary>
public sealed class SlotsApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Issuer = "slots-test";
    public const string Audience = "slots-api";

    private readonly string _adminConnection;
    private readonly string _databaseName = $"slots_test_{Guid.NewGuid():N}";
    private readonly string _keyFile = Path.GetTempFileName();

    /// <summary>The file with the local signing key the API is configured with, for tests that start it as a process.</summary>
    public string KeyFile => _keyFile;

    /// <summary>The certificate that encrypts this database's key ring: every process on it must be given the same one.</summary>
    public string KeyRingCertificateFile { get; } = Path.GetTempFileName();


    public SlotsApiFactory()
    {
        _adminConnection = Environment.GetEnvironmentVariable("SLOTS_TEST_DB")
            ?? throw new InvalidOperationException(
                "SLOTS_TEST_DB is not set. Run the tests with ./slots test, which starts PostgreSQL and sets it.");
        ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnection)
        {
            Database = _databaseName,
            MaxPoolSize = 150,
        }.ConnectionString;
        File.WriteAllText(_keyFile, Convert.ToHexString(Tokens.SigningKey));
        Slots.Tests.Shared.KeyRingCertificates.Write(KeyRingCertificateFile);
        UseKestrel(0);
    }

    /// <summary>Mints tokens the API accepts (and, for the refusal tests, tokens it must not).</summary>
    public TestTokens Tokens { get; } = new(Issuer, Audience);

    public string ConnectionString { get; }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>How the API resolves webhook targets' names: DNS, unless a test says otherwise.</summary>
    public TestHostNames HostNames { get; } = new();

    /// <summary>
    /// The webhook settings of every API the tests start: loopback receivers allowed, a 2 s send timeout (so a claim lasts
    /// 7 s), and retries after 0.25 s doubling up to 4 s, so a receiver that comes back gets its backlog within seconds.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> WebhookSettings = new Dictionary<string, string>
    {
        ["Slots:Webhooks:AllowInsecureTargets"] = "true",
        ["Slots:Webhooks:SendTimeout"] = "00:00:02",
        ["Slots:Webhooks:FirstRetryDelay"] = "00:00:00.250",
        ["Slots:Webhooks:MaxRetryDelay"] = "00:00:04",
        ["Slots:Webhooks:PollInterval"] = "00:00:00.050",
        ["Slots:Streams:Heartbeat"] = "00:00:01",
    };

    /// <summary>Where the API listens, for clients that open their own connections.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The API's mail server: every notification of the run lands here.</summary>
    public MailSink Mail { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Mail = await MailSink.StartNewAsync();
        await CreateDatabaseAsync(_databaseName);
        StartServer();
        await using (var scope = Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SlotsDbContext>().Database.MigrateAsync();
        }

        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        BaseAddress = new Uri(addresses.Addresses.First());
    }

    /// <summary>
    /// The API run in one of its one-off modes (<c>migrate</c>, <c>import FILE</c>) as <c>./slots</c> runs it: the built
    /// <c>Slots.Api.dll</c> on <paramref name="connectionString"/>, with this factory's local sign-in settings; with
    /// <paramref name="quiet"/>, warnings and errors only in its log (as <c>./slots</c> runs it), so that its output is its own.
    /// </summary>
    public Task<(int ExitCode, string Output, string Errors)> RunCommandAsync(string connectionString, bool quiet, params string[] arguments) =>
        ChildProcess.RunAsync(
            new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Slots.Api.dll"), .. arguments])
            {
                WorkingDirectory = AppContext.BaseDirectory,
                Environment =
                {
                    ["ConnectionStrings__Slots"] = connectionString,
                    ["Auth__SigningKeyFile"] = KeyFile,
                    ["Auth__Issuer"] = Issuer,
                    ["Auth__Audience"] = Audience,
                    ["Slots__DataProtection__CertificateFile"] = KeyRingCertificateFile,
                    ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                    ["DOTNET_ENVIRONMENT"] = "Production",
                    ["Logging__LogLevel__Default"] = quiet ? "Warning" : "Information",
                },
            },
            TimeSpan.FromMinutes(3));

    /// <summary>
    /// A client with its own connection pool, as a separate HTTP client would have, sending
    /// <paramref name="token"/> as its bearer token (none when null).
    /// </summary>
    public HttpClient NewClient(string? token)
    {
        var client = new HttpClient(new ContractCheckingHandler(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) }))
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Runs SQL with positional parameters ($1, $2, ...) on the test database; returns the first value.</summary>
    public Task<T> ScalarAsync<T>(string sql, params object[] parameters) => ScalarOnAsync<T>(ConnectionString, sql, parameters);

    /// <summary>The same on another database (one a test made for itself).</summary>
    public async Task<T> ScalarOnAsync<T>(string connectionString, string sql, params object[] parameters) =>
        (T)(await RunAsync(connectionString, sql, parameters, c => c.ExecuteScalarAsync()))!;

    /// <summary>Runs SQL with positional parameters ($1, $2, ...) on the test database.</summary>
    public Task ExecuteAsync(string sql, params object[] parameters) => ExecuteOnAsync(ConnectionString, sql, parameters);

    /// <summary>The same on another database (one a test made for itself).</summary>
    public Task ExecuteOnAsync(string connectionString, string sql, params object[] parameters) =>
        RunAsync(connectionString, sql, parameters, c => c.ExecuteNonQueryAsync());

    /// <summary>
    /// Another session that takes the slot's row lock and holds it until disposed (its transaction then rolls back),
    /// as a stuck process or a slow command would; on <paramref name="connectionString"/> when given (the API's own
    /// session settings, say), on the test database's otherwise.
    /// </summary>
    public async Task<NpgsqlConnection> HoldRowLockAsync(Guid slotId, string? connectionString = null)
    {
        var connection = new NpgsqlConnection(connectionString ?? ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM slots WHERE id = $1 FOR UPDATE", connection, transaction)
        {
            Parameters = { new NpgsqlParameter { Value = slotId } },
        };
        await command.ExecuteScalarAsync();
        return connection;
    }

    /// <summary>
    /// The sessions waiting behind the lock holder <paramref name="holder"/> (<see cref="HoldRowLockAsync"/>): on it, or on
    /// one that waits on it (a row's second waiter waits on the first).
    /// </summary>
    public Task<long> LockWaitersAsync(NpgsqlConnection holder) => ScalarAsync<long>("""
        WITH direct AS (SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid)))
        SELECT (SELECT count(*) FROM direct)
             + (SELECT count(*) FROM pg_stat_activity a
                WHERE a.pid NOT IN (SELECT pid FROM direct) AND pg_blocking_pids(a.pid) && ARRAY(SELECT pid FROM direct))
        """, holder.ProcessID);

    /// <summary>A client of a variant of the API (<c>WithWebHostBuilder</c>), its responses checked against the document.</summary>
    public static HttpClient ClientOf(WebApplicationFactory<Program> api, string? token = null)
    {
        var client = api.CreateDefaultClient(new ContractCheckingHandler());
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A context on the test database outside the API, for tests that drive Infrastructure directly.</summary>
    public SlotsDbContext NewDbContext(Action<NpgsqlDbContextOptionsBuilder>? npgsql = null, params IInterceptor[] interceptors) =>
        NewDbContextOn(ConnectionString, npgsql, interceptors);

    /// <summary>The same on another database (one a test made for itself).</summary>
    public static SlotsDbContext NewDbContextOn(
        string connectionString, Action<NpgsqlDbContextOptionsBuilder>? npgsql = null, params IInterceptor[] interceptors) =>
        new(new DbContextOptionsBuilder<SlotsDbContext>().UseNpgsql(connectionString, npgsql)
            .AddInterceptors([.. SlotsDbContext.Interceptors, .. interceptors]).Options);

    private static async Task<TResult> RunAsync<TResult>(
        string connectionString, string sql, object[] parameters, Func<NpgsqlCommand, Task<TResult>> run)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        return await run(command);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Slots", ConnectionString);
        builder.UseSetting("Auth:SigningKeyFile", _keyFile);
        builder.UseSetting("Auth:Issuer", Issuer);
        builder.UseSetting("Auth:Audience", Audience);
        builder.UseSetting("Slots:DataProtection:CertificateFile", KeyRingCertificateFile);
        // Mail to the run's own SMTP server, retried after 0.25 s doubling up to 2 s, looked for ten times a second.
        builder.UseSetting("Slots:Mail:Host", "127.0.0.1");
        builder.UseSetting("Slots:Mail:Port", Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Slots:Mail:Security", "None");
        builder.UseSetting("Slots:Mail:PollInterval", "00:00:00.100");
        builder.UseSetting("Slots:Mail:FirstRetryDelay", "00:00:00.250");
        builder.UseSetting("Slots:Mail:MaxRetryDelay", "00:00:02");
        // While more requests are in flight than there are cores, the notifier waits this long between rounds: long
        // enough that NotificationTests sees it wait, and a burst (RaceTests) only delays the mail until it is over.
        builder.UseSetting("Slots:Mail:BusyRoundInterval", "00:10:00");
        // Every test reads the available view from 127.0.0.1, one bucket for the whole run; LimitsTests checks the
        // per-address limit on an API of its own.
        builder.UseSetting("Slots:RateLimits:AvailableReadsPerMinute", "100000");
        builder.UseSetting("Slots:RateLimits:PublicDocumentsPerMinute", "100000");
        // So does every other route's budget (a service's fixed subject, anonymous callers); RateLimitHeaderTests checks it.
        builder.UseSetting("Slots:RateLimits:RequestsPerMinute", "100000");
        foreach (var (key, value) in WebhookSettings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            services.Replace(ServiceDescriptor.Singleton<HostResolver>(HostNames.ResolveAsync));
        });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Mail.DisposeAsync();
        File.Delete(_keyFile);
        File.Delete(KeyRingCertificateFile);
        await DropDatabaseAsync(_databaseName);
    }

    /// <summary>An empty database on the test server; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await AdminAsync($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(_adminConnection) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, whoever is still connected to it.</summary>
    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private async Task AdminAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(_adminConnection);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}
