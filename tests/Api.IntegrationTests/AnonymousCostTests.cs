using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Api.Security;
using Slots.Infrastructure.Persistence;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// What anyone may ask for costs little and is bounded: the document is built once and revalidated by its tag, the
/// health checks and the document have a budget per client address (an IPv6 client's per /64), readiness waits its
/// turn for a connection like any read, and the process holds a bounded number of connections.
/// </summary>
[Collection(ApiCollection.Name)]
public class AnonymousCostTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task The_document_is_built_once_tagged_and_answered_304_while_the_tag_holds()
    {
        using var anonymous = Factory.NewClient(null);

        var first = await anonymous.GetAsync("/openapi/v1.json");
        var second = await anonymous.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var tag = first.Headers.ETag;
        Assert.NotNull(tag);
        Assert.Equal(tag, second.Headers.ETag);
        Assert.Equal(TimeSpan.FromHours(1), first.Headers.CacheControl?.MaxAge);
        Assert.True(first.Headers.CacheControl?.Public);
        Assert.NotNull(second.Headers.Age); // served from the process's cache, not built again
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json") { Headers = { IfNoneMatch = { tag } } };
        var revalidated = await anonymous.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_health_checks_and_the_document_have_a_budget_per_client_address()
    {
        await using var api = Factory.WithWebHostBuilder(b => b.UseSetting("Slots:RateLimits:PublicDocumentsPerMinute", "3"));
        using var anonymous = SlotsApiFactory.ClientOf(api);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        var refused = await anonymous.GetAsync("/health/live");

        var problem = await ProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Contains("at most 3 reads of the health checks and the API's document a minute per client", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        await ProblemAsync(await anonymous.GetAsync("/docs"), HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:bbbb:cccc:dddd:9", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("203.0.113.7", "203.0.113.7")]
    public void An_ipv6_client_is_limited_by_its_64_and_an_ipv4_one_by_its_address(string address, string bucket) =>
        Assert.Equal(bucket, RateLimits.Network(IPAddress.Parse(address)));

    /// <summary>
    /// With every read permit held by a read that has not finished, the readiness check waits for one instead of taking
    /// a connection of its own, and answers once the read is done.
    /// </summary>
    [Fact]
    public async Task Readiness_waits_its_turn_at_the_read_gate()
    {
        var gate = new ReadGate(ReadGate.KeptForCommands + 1); // one read at a time
        var holding = new TaskCompletionSource();
        var held = gate.RunAsync(async _ => { await holding.Task; return true; }, default);
        await using var db = Factory.NewDbContext();
        var check = new DatabaseReadyCheck(db, gate).CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext());

        await Task.Delay(300);
        Assert.False(check.IsCompleted, "the check did not wait for the gate");
        holding.SetResult();
        await held;

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, (await check).Status);
    }

    /// <summary>
    /// The API as it runs in production (Kestrel), with room for two connections: two clients keep theirs open, and a
    /// third is closed as it arrives, unanswered; once one of the two leaves, a new one is served.
    /// </summary>
    [Fact]
    public async Task Connections_beyond_the_limit_are_closed_as_they_arrive()
    {
        var port = WebhookReceiver.FreePort();
        await using var api = await ApiProcess.StartAsync(
            Factory, Factory.ConnectionString, port, migrate: false, new Dictionary<string, string> { ["Slots:MaxConnections"] = "2" });
        await Task.Delay(500); // the start-up probe's connection is closed and seen so
        using var first = await KeptOpenAsync(port);
        using var second = await KeptOpenAsync(port);

        Assert.Null(await AnswerAsync(port));

        first.Dispose();
        await Task.Delay(500); // the server sees the connection close
        Assert.StartsWith("HTTP/1.1 200", await AnswerAsync(port), StringComparison.Ordinal);
    }

    /// <summary>A connection that has had one answer and stays open (keep-alive).</summary>
    private static async Task<Socket> KeptOpenAsync(int port)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        var answer = await ExchangeAsync(socket);
        Assert.StartsWith("HTTP/1.1 200", answer, StringComparison.Ordinal);
        return socket;
    }

    /// <summary>The status line a new connection gets for a health check, or null when it is closed unanswered.</summary>
    private static async Task<string?> AnswerAsync(int port)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        return await ExchangeAsync(socket);
    }

    private static async Task<string?> ExchangeAsync(Socket socket)
    {
        try
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
            var buffer = new byte[4096];
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, patience.Token);
            return read == 0 ? null : Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (SocketException)
        {
            return null; // reset
        }
    }
}
