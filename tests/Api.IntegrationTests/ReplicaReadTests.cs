using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Slots.Api.Http;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// The customers' view read from a standby (<c>Slots:Replicas</c>), on the test cluster's streaming standby (./slots test
/// starts it): the API as a process on both nodes, as <c>./slots run --ha</c> runs it, the standby behind a proxy the test
/// can cut. Holding the standby's replay (<c>pg_wal_replay_pause()</c>) makes its answers tell themselves apart: a booking
/// the primary has and the standby has not shows as one seat fewer.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ReplicaReadTests(SlotsApiFactory factory) : ApiTestBase(factory), IAsyncLifetime
{
    private readonly string _standbyAdmin = Environment.GetEnvironmentVariable("SLOTS_TEST_STANDBY")
        ?? throw new InvalidOperationException("SLOTS_TEST_STANDBY is not set. Run the tests with ./slots test, which starts the standby.");

    private readonly string _name = $"slots_replica_{Guid.NewGuid():N}";
    private readonly string _date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private string _database = "";
    private TcpProxy _standby = null!;

    public async Task InitializeAsync()
    {
        _database = await Factory.CreateDatabaseAsync(_name);
        await using (var db = SlotsApiFactory.NewDbContextOn(_database))
        {
            await db.Database.MigrateAsync();
        }

        _standby = new TcpProxy(new NpgsqlConnectionStringBuilder(_standbyAdmin).Port);
        await UntilAsync(async () => await OnStandbyAsync("SELECT count(*) FROM \"__EFMigrationsHistory\"") > 0, "the standby never had the database");
    }

    public async Task DisposeAsync()
    {
        await ReplayAsync(pause: false);
        await _standby.DisposeAsync();
        await Factory.DropDatabaseAsync(_name);
    }

    [Fact]
    public async Task A_read_with_the_commits_token_never_sees_the_state_before_it_while_one_without_reads_the_standby()
    {
        // A minute's lag allowed: the held standby stays fit to read from for the whole test.
        await using var api = await StartApiAsync(TimeSpan.FromMinutes(1));
        using var client = ClientOf(api);
        var (specialist, token) = await BookedBehindHeldStandbyAsync(client);
        Assert.Matches("^[0-9A-F]{1,8}/[0-9A-F]{1,8}$", token);

        // Without the token, the held standby answers: the slot as it was before the booking.
        await UntilAsync(async () => await SeatsLeftAsync(client, specialist, null) == 2, "no read came from the standby");
        // With it, never: each read of these comes from the primary, the only node with the booking.
        for (var read = 0; read < 20; read++)
        {
            Assert.Equal(1, await SeatsLeftAsync(client, specialist, token));
        }

        await ReplayAsync(pause: false);
        await UntilAsync(async () => await SeatsLeftAsync(client, specialist, null) == 1, "the standby never showed the booking");
        Assert.Equal(1, await SeatsLeftAsync(client, specialist, token));
    }

    [Fact]
    public async Task A_standby_further_behind_than_the_bound_is_not_read_from()
    {
        await using var api = await StartApiAsync(maxLag: null); // the default, 1 s
        using var client = ClientOf(api);
        var (specialist, _) = await BookedBehindHeldStandbyAsync(client);
        // The standby holds everything up to a moment before the booking, and no more while it is held: past the bound
        // (and the probe's period) it is too far behind to read from, so every read comes from the primary.
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        for (var read = 0; read < 20; read++)
        {
            Assert.Equal(1, await SeatsLeftAsync(client, specialist, null));
        }
    }

    [Fact]
    public async Task With_the_standby_gone_reads_come_from_the_primary_without_an_error()
    {
        await using var api = await StartApiAsync(TimeSpan.FromMinutes(1));
        using var client = ClientOf(api);
        var (specialist, _) = await BookedBehindHeldStandbyAsync(client);
        await UntilAsync(async () => await SeatsLeftAsync(client, specialist, null) == 2, "no read came from the standby");

        // Its connections closed, and every new one refused.
        _standby.Set(TcpProxy.Mode.Reject);

        for (var read = 0; read < 20; read++)
        {
            Assert.Equal(1, await SeatsLeftAsync(client, specialist, null));
        }
    }

    /// <summary>
    /// Behind a partition the standby answers nothing, and the probe that would find it gone waits on its own connection:
    /// the standby goes stale by the clock alone, and once past the bound no read waits on it (one that did would wait out
    /// Npgsql's command timeout, 5 s).
    /// </summary>
    [Fact]
    public async Task A_standby_behind_a_partition_is_given_up_after_the_bound_and_no_read_waits_on_it()
    {
        await using var api = await StartApiAsync(maxLag: null); // the default, 1 s
        using var client = ClientOf(api);
        var (specialist, _) = await SlotOnBothNodesAsync(client);
        Assert.Equal(2, await SeatsLeftAsync(client, specialist, null));

        _standby.Set(TcpProxy.Mode.Blackhole);
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        for (var read = 0; read < 10; read++)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Assert.Equal(2, await SeatsLeftAsync(client, specialist, null));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"read {read} took {clock.Elapsed}");
        }
    }

    [Fact]
    public async Task On_one_node_a_command_names_no_commit_and_a_malformed_token_is_refused()
    {
        var slot = await CreateSlotAsync(NewSpecialist(), capacity: 2);
        var booked = await BookAsync(Client, Id(slot), "cust-1");
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal($"(no {ReadAfter.Header})", HeaderOf(booked, ReadAfter.Header));

        foreach (var malformed in new[] { "16", "16/", "/B374D848", "123456789/0", "0/123456789", "G/0", "0/1/2", "0 /1", "0x1/2" })
        {
            var refused = await SendRawAsync(
                Client, HttpMethod.Get, Available(slot.GetProperty("specialistEmail").GetString()!), null, (ReadAfter.Header, malformed));
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"'{malformed}': {refused.StatusCode}");
            var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(ReadAfter.Header, out _), $"'{malformed}': {problem}");
        }

        var accepted = await SendRawAsync(
            Client, HttpMethod.Get, Available(slot.GetProperty("specialistEmail").GetString()!), null, (ReadAfter.Header, "FFFFFFFF/FFFFFFFF"));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    /// <summary>The API on the primary and, through the proxy, the standby; reads from the standby on, as two hosts turn them on.</summary>
    private async Task<ApiProcess> StartApiAsync(TimeSpan? maxLag)
    {
        var primary = new NpgsqlConnectionStringBuilder(_database);
        var connection = new NpgsqlConnectionStringBuilder(_database)
        {
            Host = $"127.0.0.1:{primary.Port},127.0.0.1:{_standby.Port}",
            TargetSessionAttributes = "read-write",
            HostRecheckSeconds = 1,
        };
        var settings = new Dictionary<string, string>();
        if (maxLag is { } lag)
        {
            settings["Slots:Replicas:MaxLag"] = lag.ToString("c", CultureInfo.InvariantCulture);
        }

        return await ApiProcess.StartAsync(Factory, connection.ConnectionString, WebhookReceiver.FreePort(), migrate: false, settings);
    }

    private HttpClient ClientOf(ApiProcess api) => api.ClientOf(Factory.Tokens.Admin(), TimeSpan.FromSeconds(30));

    /// <summary>A slot of two seats, once the standby has it too.</summary>
    private async Task<(string Specialist, Guid SlotId)> SlotOnBothNodesAsync(HttpClient client)
    {
        var specialist = NewSpecialist();
        var created = await client.PostAsJsonAsync(Base, new
        {
            specialistEmail = specialist,
            specialistId = $"sub-{specialist}",
            date = _date,
            startTime = "10:00",
            endTime = "11:00",
            totalCapacity = 2,
            timezone = "UTC",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var slotId = Id(await BodyAsync(created));
        await UntilAsync(async () => await OnStandbyAsync($"SELECT count(*) FROM slots WHERE id = '{slotId}'") == 1, "the standby never had the slot");
        return (specialist, slotId);
    }

    /// <summary>
    /// A slot of two seats on both nodes, then the standby's replay held and a seat booked: the primary shows one seat left,
    /// the standby two. The booking's <c>Slots-Read-After</c> with it.
    /// </summary>
    private async Task<(string Specialist, string Token)> BookedBehindHeldStandbyAsync(HttpClient client)
    {
        var (specialist, slotId) = await SlotOnBothNodesAsync(client);
        await ReplayAsync(pause: true);
        var booked = await BookAsync(client, slotId, "cust-1");
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        return (specialist, HeaderOf(booked, ReadAfter.Header));
    }

    /// <summary>The seats the view shows left on the slot of <paramref name="specialist"/>, read with <paramref name="token"/> if given.</summary>
    private async Task<int> SeatsLeftAsync(HttpClient client, string specialist, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Available(specialist)}?startDate={_date}&endDate={_date}");
        if (token is not null)
        {
            request.Headers.Add(ReadAfter.Header, token);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var slots = await BodyAsync(response);
        return slots.GetArrayLength() == 0 ? 0 : slots[0].GetProperty("remainingCapacity").GetInt32();
    }

    private async Task<long> OnStandbyAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_standbyAdmin) { Database = _name, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Holds or resumes the standby's replay (it still receives the primary's WAL).</summary>
    private async Task ReplayAsync(bool pause)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_standbyAdmin) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(pause ? "SELECT pg_wal_replay_pause()" : "SELECT pg_wal_replay_resume()", connection);
        await command.ExecuteNonQueryAsync();
    }
}
