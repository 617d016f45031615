using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// The database taken away under load, through a <see cref="TcpProxy"/> in front of it: when it dies, every request
/// is answered within three seconds, however many wait on one slot; once the failures are plain, the circuit
/// breaker answers without trying the database; a probe closes it when the database is back; and behind a network
/// partition (nothing answers, nothing is refused) too.
/// </summary>
[Collection(ApiCollection.Name)]
public class OutageTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task With_200_requests_queued_on_one_slot_when_the_database_dies_each_is_answered_within_3_s()
    {
        await using var proxy = new TcpProxy(new NpgsqlConnectionStringBuilder(Factory.ConnectionString).Port);
        await using var api = Behind(proxy, queueLength: 250);
        using var admin = AdminClient(api);
        var slot = await CreateAsync(admin);

        var answers = await QueuedWhenTheDatabaseGoesAsync(admin, slot, proxy, TcpProxy.Mode.Reject);

        await AllUnavailableWithinAsync(answers, Promise);
    }

    /// <summary>
    /// Behind a partition (nothing answers, nothing is refused) a statement in flight is cancelled at the budget, and Npgsql
    /// then sends PostgreSQL's cancel request over a new connection and waits for the server to close it, up to its
    /// timeouts, before it gives the statement up; the workers' statements run into the command timeout and do the same on
    /// a pool thread. The request does not wait for any of it (<see cref="Slots.Application.Common.Waits.LateWork"/>).
    /// Before, this took 7.3-7.5 s even with <c>Timeout=1</c>. The API runs as a process, as in production: the test host
    /// delivers an answer only once the whole request has ended, which here it must not.
    /// </summary>
    [Fact]
    public async Task Behind_a_network_partition_each_is_answered_within_3_s()
    {
        await using var proxy = new TcpProxy(new NpgsqlConnectionStringBuilder(Factory.ConnectionString).Port);
        var connection = new NpgsqlConnectionStringBuilder(Factory.ConnectionString) { Port = proxy.Port, Timeout = 5 };
        await using var api = await ApiProcess.StartAsync(
            Factory, connection.ConnectionString, WebhookReceiver.FreePort(), migrate: false,
            new Dictionary<string, string> { ["Slots:Waits:SlotQueueLength"] = "250" });
        using var admin = api.ClientOf(Factory.Tokens.Admin(), TimeSpan.FromSeconds(90));
        var slot = await CreateAsync(admin);

        var answers = await QueuedWhenTheDatabaseGoesAsync(admin, slot, proxy, TcpProxy.Mode.Blackhole);

        await AllUnavailableWithinAsync(answers, Promise);
        // Each answer that left work behind closed its connection, so no request waits behind that work there.
        Assert.Contains(answers, a => a.Response.Headers.ConnectionClose == true);
    }

    /// <summary>
    /// Another session holds the slot's row lock, so two bookings wait for it in the database and the other 198 in the
    /// slot's queue; then the database goes away.
    /// </summary>
    private async Task<(HttpResponseMessage Response, TimeSpan Took)[]> QueuedWhenTheDatabaseGoesAsync(
        HttpClient admin, Guid slot, TcpProxy proxy, TcpProxy.Mode outage)
    {
        await using var holder = await Factory.HoldRowLockAsync(slot);

        var requests = Enumerable.Range(0, 200).Select(i => TimedAsync(() => BookAsync(admin, slot, $"queued-{i}"))).ToList();
        await Task.Delay(300);
        proxy.Set(outage);
        var answers = await Task.WhenAll(requests);
        Console.WriteLine($"[outage] {outage}: 200 queued on one slot, slowest answer {answers.Max(a => a.Took).TotalSeconds:0.00} s: "
            + string.Join(", ", answers.GroupBy(a => (int)a.Response.StatusCode).Select(g => $"{g.Count()} x {g.Key}")));
        return answers;
    }

    [Fact]
    public async Task While_the_database_refuses_the_circuit_opens_and_a_probe_closes_it_once_it_is_back()
    {
        await using var proxy = new TcpProxy(new NpgsqlConnectionStringBuilder(Factory.ConnectionString).Port);
        await using var api = Behind(proxy, queueLength: 250);
        using var admin = AdminClient(api);
        var slot = await CreateAsync(admin);

        proxy.Set(TcpProxy.Mode.Reject);
        var failing = new List<(HttpResponseMessage, TimeSpan)>();
        for (var i = 0; i < 4; i++)
        {
            failing.Add(await TimedAsync(() => BookAsync(admin, slot, $"refused-{i}")));
        }

        await AllUnavailableWithinAsync(failing, Promise);

        // Open: answered without a single connection attempt.
        var attempts = proxy.ConnectionAttempts;
        var open = await TimedAsync(() => BookAsync(admin, slot, "while-open"));
        Assert.Equal(attempts, proxy.ConnectionAttempts);
        var problem = await ProblemAsync(open.Response, HttpStatusCode.ServiceUnavailable, "database_unavailable");
        Assert.NotNull(open.Response.Headers.RetryAfter);

        // Back: after the break, the next request is the probe, and its success closes the circuit.
        proxy.Set(TcpProxy.Mode.Forward);
        var deadline = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            await Task.Delay(200);
            using var probe = await BookAsync(admin, slot, $"probe-{deadline.ElapsedMilliseconds}");
            status = probe.StatusCode;
        }
        while (status != HttpStatusCode.Created && deadline.Elapsed < TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(HttpStatusCode.Created, (await BookAsync(admin, slot, "after")).StatusCode);
        Assert.NotNull(problem.GetProperty("detail").GetString());
    }

    /// <summary>
    /// An API whose database is behind <paramref name="proxy"/>. Its webhook dispatcher and its notifier are off: polling
    /// in the background (the notifier ten times a second here), they would add connection attempts of their own to the
    /// ones the requests make, which the tests count.
    /// </summary>
    private WebApplicationFactory<Program> Behind(TcpProxy proxy, int queueLength) =>
        Factory.WithWebHostBuilder(b => b
            .UseSetting("Slots:Webhooks:DispatcherEnabled", "false")
            .UseSetting("Slots:Mail:NotifierEnabled", "false")
            .UseSetting("ConnectionStrings:Slots", new NpgsqlConnectionStringBuilder(Factory.ConnectionString)
            {
                Port = proxy.Port,
                Timeout = 5,
            }.ConnectionString)
            .UseSetting("Slots:Waits:SlotQueueLength", queueLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private HttpClient AdminClient(WebApplicationFactory<Program> api)
    {
        var client = SlotsApiFactory.ClientOf(api, Factory.Tokens.Admin());
        client.Timeout = TimeSpan.FromSeconds(90);
        return client;
    }

    private async Task<Guid> CreateAsync(HttpClient admin)
    {
        var specialist = NewSpecialist();
        var response = await admin.PostAsJsonAsync(Base, new
        {
            specialistEmail = specialist, specialistId = $"sub-{specialist}", date = Day(2), startTime = "10:00", endTime = "11:00",
            totalCapacity = 1000,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Id(await BodyAsync(response));
    }

    private static async Task<(HttpResponseMessage Response, TimeSpan Took)> TimedAsync(Func<Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        var response = await send();
        return (response, clock.Elapsed);
    }

    private static async Task AllUnavailableWithinAsync(
        IReadOnlyCollection<(HttpResponseMessage Response, TimeSpan Took)> answers, TimeSpan bound)
    {
        var late = answers.Where(a => a.Took >= bound).ToList();
        Assert.True(late.Count == 0, $"{late.Count} of {answers.Count} answered after {bound.TotalSeconds:0} s: "
            + string.Join(", ", late.Select(a => $"{(int)a.Response.StatusCode} after {a.Took.TotalSeconds:0.00} s").Take(10)));
        foreach (var (response, _) in answers)
        {
            await ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(response.Headers.RetryAfter);
            response.Dispose();
        }
    }
}
