using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Slots.Drills;

/// <summary>
/// Several real API processes (the Release build) on one database, each on its own port and with its
/// own Npgsql application name, so a drill can find and cut exactly their connections.
/// </summary>
public sealed class ApiFleet : IAsyncDisposable
{
    public const string ApplicationName = "slots-drill-api";

    private readonly List<Process> _processes = [];
    private readonly Dictionary<Uri, Process> _byInstance = [];
    private readonly List<TextWriter> _logs = [];

    private ApiFleet()
    {
    }

    public List<Uri> Instances { get; } = [];

    /// <summary>The key ring's certificate, in the log folder: one for every instance, as one deployment has.</summary>
    public const string KeyRingCertificateFile = "key-ring.pfx";

    public static async Task<ApiFleet> StartAsync(string apiDll, string connectionString, string keyFile, int count, string logDir)
    {
        var fleet = new ApiFleet();
        try
        {
            // The first instance applies the migrations; the others start once it is ready.
            await fleet.StartOneAsync(apiDll, connectionString, keyFile, 0, logDir);
            await Task.WhenAll(Enumerable.Range(1, count - 1).Select(i => fleet.StartOneAsync(apiDll, connectionString, keyFile, i, logDir)));
            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    private async Task StartOneAsync(string apiDll, string connectionString, string keyFile, int index, string logDir)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", [apiDll])
        {
            WorkingDirectory = Path.GetDirectoryName(apiDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ConnectionStrings__Slots"] = $"{connectionString};Application Name={ApplicationName}-{index}";
        info.Environment["Slots__MigrateOnStartup"] = index == 0 ? "true" : "false";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_GCgen0size"] = "0x4000000"; // as ./slots run starts it
        info.Environment["Auth__SigningKeyFile"] = keyFile;
        info.Environment["Slots__DataProtection__CertificateFile"] = Path.Combine(logDir, KeyRingCertificateFile);
        info.Environment["Auth__Issuer"] = Drill.Issuer;
        info.Environment["Auth__Audience"] = Drill.Audience;
        var log = TextWriter.Synchronized(new StreamWriter(Path.Combine(logDir, $"api-{index}.log")) { AutoFlush = true });
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => log.WriteLine(e.Data);
        process.ErrorDataReceived += (_, e) => log.WriteLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (_processes)
        {
            _processes.Add(process);
            _logs.Add(log);
        }

        var uri = new Uri($"http://127.0.0.1:{port}");
        lock (_processes)
        {
            _byInstance.Add(uri, process);
        }

        using var probe = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"API instance {index} exited during start-up; see {logDir}/api-{index}.log");
            }

            try
            {
                if ((await probe.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    lock (Instances)
                    {
                        Instances.Add(uri);
                    }

                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"API instance {index} was not ready within 2 minutes");
    }

    /// <summary>
    /// Sends SIGTERM to the process serving <paramref name="instance"/>, as an orchestrator stopping it would, and waits
    /// for it to exit; returns its exit code and how long it took.
    /// </summary>
    public async Task<(int ExitCode, TimeSpan Took)> TerminateAsync(Uri instance)
    {
        Process process;
        lock (_processes)
        {
            process = _byInstance[instance];
        }

        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(patience.Token);
        return (process.ExitCode, clock.Elapsed);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        foreach (var log in _logs)
        {
            await log.DisposeAsync();
        }
    }
}
