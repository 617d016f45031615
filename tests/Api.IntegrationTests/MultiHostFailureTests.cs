using System.Net;
using System.Net.Sockets;
using Npgsql;
using Slots.Infrastructure.Persistence;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// A multi-host connection string (<c>./slots run --ha</c>: both nodes, the primary only) fails in two ways while no
/// node is primary: the hosts' own errors, and then, while Npgsql still remembers them as down or standby, "no suitable
/// host" with nothing inside. Both are the database being unavailable (503 with <c>Retry-After</c>), not a bug (500).
/// </summary>
public class MultiHostFailureTests
{
    [Fact]
    public async Task No_suitable_host_is_the_database_being_unavailable_like_the_hosts_own_errors()
    {
        var (first, second) = (ClosedPort(), ClosedPort());
        await using var source = NpgsqlDataSource.Create(
            $"Host=127.0.0.1:{first},127.0.0.1:{second};Username=u;Password=p;Target Session Attributes=primary;Timeout=2;Host Recheck Seconds=60");

        var refused = await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await source.OpenConnectionAsync());
        var remembered = await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await source.OpenConnectionAsync());

        Assert.IsType<AggregateException>(refused.InnerException);
        Assert.Null(remembered.InnerException); // the case this test is for: Npgsql tried no host at all
        Assert.True(DatabaseFailures.IsUnavailable(refused));
        Assert.True(DatabaseFailures.IsUnavailable(remembered));
        Assert.False(DatabaseFailures.IsUnavailable(new NpgsqlException("A statement this service got wrong.")));
    }

    [Fact]
    public void A_node_that_takes_no_writes_yet_is_the_database_being_unavailable() =>
        Assert.True(DatabaseFailures.IsUnavailable(new PostgresException(
            "cannot execute SELECT FOR UPDATE in a read-only transaction", "ERROR", "ERROR", PostgresErrorCodes.ReadOnlySqlTransaction)));

    /// <summary>A loopback port nothing listens on (taken, then let go).</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
