using System.Diagnostics;

namespace Slots.Drills;

/// <summary>
/// The pg_auto_failover formation of <c>./slots run --ha</c> (<c>scripts/ha-formation.sh</c>), seen from outside: who is
/// primary as its monitor says, the primary killed as a machine dies (its keeper's whole process group and its postmaster,
/// SIGKILL), and the keepers started again.
/// </summary>
public sealed class Formation(string root, string dataDir)
{
    /// <summary>Each node's name, port, state and goal as the monitor has them.</summary>
    public async Task<IReadOnlyList<(string Node, int Port, string State, string Goal)>> NodesAsync()
    {
        var lines = await RunAsync("status");
        return [.. lines.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Select(parts => (parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2], parts[3]))];
    }

    /// <summary>Kills the keeper (with every process it started) and the postmaster of the node in <paramref name="state"/>; returns its name.</summary>
    public async Task<string> KillAsync(string state)
    {
        var node = (await NodesAsync()).Single(n => n.State == state && n.Goal == state).Node;
        var postmaster = await DrillDatabase.PostmasterAsync(Path.Combine(dataDir, node));
        // The keeper runs in a process group of its own (setsid); its services rename themselves, so the group finds them.
        var group = (await File.ReadAllTextAsync($"/proc/{postmaster}/stat")).Split(") ")[1].Split(' ')[2];
        using (var kill = Process.Start("kill", ["-KILL", "--", $"-{group}"]))
        {
            await kill.WaitForExitAsync();
        }

        try
        {
            Process.GetProcessById(postmaster).Kill();
        }
        catch (ArgumentException)
        {
            // Gone with its group already.
        }

        return node;
    }

    /// <summary>Waits up to <paramref name="within"/> for a node to be reported in <paramref name="state"/>; whether it was.</summary>
    public async Task<bool> ReachesAsync(string node, string state, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (DateTime.UtcNow < until)
        {
            if ((await NodesAsync()).Any(n => n.Node == node && n.State == state))
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }

    /// <summary>Starts every keeper again (a node already running is left alone) and waits for a primary with its standby.</summary>
    public Task StartAsync() => RunAsync("start");

    private Task<string> RunAsync(string command) => Scripts.RunAsync(root, "ha-formation.sh", command);
}
