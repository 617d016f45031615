using System.Net;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

[Collection(ApiCollection.Name)]
public class HealthTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Healthy_with_the_database_up(string path) =>
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(path)).StatusCode);

    [Fact]
    public async Task Without_a_database_ready_and_requests_answer_503_with_retry_after()
    {
        // Port 1 on loopback: nothing listens, so every connection attempt is refused. The budget is long enough for
        // the retries to end on a loaded machine (a fresh API's first request JITs a lot), so the answer is the
        // database's, never the budget's (the budget's own answer has its tests in OutageTests and LockTimeoutTests).
        await using var offline = Factory.WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Slots", "Host=127.0.0.1;Port=1;Database=none;Username=postgres;Timeout=2")
            .UseSetting("Slots:Waits:RequestBudget", "00:00:20"));
        using var client = SlotsApiFactory.ClientOf(offline, Factory.Tokens.Admin());

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        foreach (var response in new[]
        {
            await client.GetAsync("/health/ready"),
            await client.GetAsync($"{Base}/{Guid.NewGuid()}"),
            await BookAsync(client, Guid.NewGuid(), "c1"),
        })
        {
            await ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "database_unavailable");
            Assert.NotNull(response.Headers.RetryAfter);
        }
    }
}
