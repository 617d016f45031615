using System.Diagnostics;
using System.Text;

namespace Slots.Api.IntegrationTests.Infrastructure;

/// <summary>
/// A program the test starts and leaves running (the API, a sample service), its output kept for the failure message;
/// a test can kill it (SIGKILL) at any moment. <see cref="ChildProcess"/> is for one run to its end instead.
/// </summary>
public sealed class RunningProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static RunningProcess Start(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var running = new RunningProcess(Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start"));
        running._process.OutputDataReceived += (_, e) => running.Log(e.Data);
        running._process.ErrorDataReceived += (_, e) => running.Log(e.Data);
        running._process.BeginOutputReadLine();
        running._process.BeginErrorReadLine();
        return running;
    }

    /// <summary>SIGKILL: no shutdown, nothing flushed, connections cut.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
