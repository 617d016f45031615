using System.Diagnostics;
using System.Net;

namespace Slots.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The API as a process of its own (<c>dotnet Slots.Api.dll</c>), as it runs in production, on a database and port the
/// test chooses, with the tests' tokens and webhook settings: a test can kill it (SIGKILL) and start it again.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly RunningProcess _process;

    private ApiProcess(RunningProcess process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Output => _process.Output;

    /// <summary>A client of this process, with the bearer <paramref name="token"/>, waiting up to <paramref name="timeout"/> for an answer.</summary>
    public HttpClient ClientOf(string token, TimeSpan timeout)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = timeout };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <param name="settings">More configuration, by its key (<c>Slots:MaxConnections</c>).</param>
    public static async Task<ApiProcess> StartAsync(
        SlotsApiFactory factory, string connectionString, int port, bool migrate, IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Slots.Api.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            Environment =
            {
                ["ConnectionStrings__Slots"] = connectionString,
                ["Slots__MigrateOnStartup"] = migrate ? "true" : "false",
                ["Auth__SigningKeyFile"] = factory.KeyFile,
                ["Auth__Issuer"] = SlotsApiFactory.Issuer,
                ["Auth__Audience"] = SlotsApiFactory.Audience,
                ["Slots__DataProtection__CertificateFile"] = factory.KeyRingCertificateFile,
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["DOTNET_ENVIRONMENT"] = "Production",
            },
        };
        foreach (var (key, value) in SlotsApiFactory.WebhookSettings.Concat(settings ?? new Dictionary<string, string>()))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = RunningProcess.Start(start);
        var api = new ApiProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var probe = new HttpClient { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The API exited during start-up: {api.Output}");
            }

            try
            {
                if ((await probe.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return api;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        await api.DisposeAsync();
        throw new TimeoutException("The API was not ready within a minute.");
    }

    /// <summary>Whether the process has ended (killed, or by itself).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: no shutdown, nothing flushed, connections cut.</summary>
    public Task KillAsync() => _process.KillAsync();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
