using Npgsql;
using Slots.Infrastructure.Persistence.Replicas;

namespace Slots.Api.IntegrationTests;

/// <summary><c>Slots:Replicas</c>: on by default with two hosts, as configured otherwise; a setting that cannot work stops start-up.</summary>
public class ReplicaOptionsTests
{
    private static readonly NpgsqlConnectionStringBuilder OneHost = new("Host=127.0.0.1;Port=5433");
    private static readonly NpgsqlConnectionStringBuilder TwoHosts = new("Host=127.0.0.1:5461,127.0.0.1:5462");

    [Fact]
    public void Reads_go_to_a_standby_by_default_only_when_the_connection_string_names_more_than_one_host()
    {
        Assert.False(new ReplicaOptions().IsOn(OneHost));
        Assert.True(new ReplicaOptions().IsOn(TwoHosts));
        Assert.False(new ReplicaOptions { Enabled = false }.IsOn(TwoHosts));
        Assert.True(new ReplicaOptions { Enabled = true }.IsOn(OneHost));
    }

    [Theory]
    [InlineData("00:00:00", "00:00:00.2")] // no lag allowed at all
    [InlineData("-00:00:01", "00:00:00.2")]
    [InlineData("00:10:00.001", "00:00:00.2")] // past the 10 minutes a "moment old" may mean
    [InlineData("00:00:01", "00:00:00")]
    [InlineData("00:00:01", "-00:00:00.2")]
    [InlineData("00:00:01", "00:00:01")] // a probe as slow as the bound could never find a standby fit
    public void A_bound_or_probe_interval_that_cannot_work_stops_start_up(string maxLag, string probeInterval)
    {
        var options = new ReplicaOptions
        {
            MaxLag = TimeSpan.Parse(maxLag, System.Globalization.CultureInfo.InvariantCulture),
            ProbeInterval = TimeSpan.Parse(probeInterval, System.Globalization.CultureInfo.InvariantCulture),
        };

        var refused = Assert.Throws<InvalidOperationException>(() => options.IsOn(TwoHosts));
        Assert.StartsWith(ReplicaOptions.Section, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:10:00", "00:09:59.999")]
    [InlineData("00:00:00.002", "00:00:00.001")]
    public void The_edges_that_can_work_are_taken(string maxLag, string probeInterval) =>
        Assert.True(new ReplicaOptions
        {
            MaxLag = TimeSpan.Parse(maxLag, System.Globalization.CultureInfo.InvariantCulture),
            ProbeInterval = TimeSpan.Parse(probeInterval, System.Globalization.CultureInfo.InvariantCulture),
        }.IsOn(TwoHosts));
}
