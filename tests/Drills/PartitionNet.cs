namespace Slots.Drills;

/// <summary>
/// The partition drill's network (<c>scripts/partition-net.sh</c>): a PostgreSQL of its own in a network namespace behind
/// a veth pair, and the nftables rules that drop a share of the packets on the pair, or all of them.
/// </summary>
public sealed class PartitionNet(string root) : IAsyncDisposable
{
    /// <summary>Makes the namespace, the pair and the cluster; returns the cluster's connection string.</summary>
    public async Task<string> StartAsync() => (await RunAsync("start")).Trim().Split('\n')[^1];

    public Task LossAsync(int percent) => RunAsync("loss", percent.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task CutAsync() => RunAsync("cut");

    public Task HealAsync() => RunAsync("heal");

    /// <summary>Stops the cluster and deletes the namespace, whatever state the drill left them in.</summary>
    public async ValueTask DisposeAsync() => await RunAsync("stop");

    private Task<string> RunAsync(params string[] arguments) => Scripts.RunAsync(root, "partition-net.sh", arguments);
}
