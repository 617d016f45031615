using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// Internal services are not admins: a service token (role <c>service</c>) may do what its scopes name and nothing
/// else, erasing personal data stays a person's act, and a service has rate limits of its own where an admin has none.
/// </summary>
[Collection(ApiCollection.Name)]
public class ServiceScopeTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task A_service_may_do_what_its_scopes_name_and_nothing_else()
    {
        using var feed = Factory.NewClient(Factory.Tokens.Service("events:read"));
        using var hooks = Factory.NewClient(Factory.Tokens.Service("webhooks:manage"));
        using var both = Factory.NewClient(Factory.Tokens.Service("events:read webhooks:manage"));
        using var unknown = Factory.NewClient(Factory.Tokens.Service("slots:everything"));

        Assert.Equal(HttpStatusCode.OK, (await feed.GetAsync("/api/events?limit=1")).StatusCode);
        var refused = await ProblemAsync(await feed.GetAsync("/api/webhooks"), HttpStatusCode.Forbidden, "scope_missing");
        Assert.Contains("webhooks:manage", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await hooks.GetAsync("/api/webhooks")).StatusCode);
        await ProblemAsync(await hooks.GetAsync("/api/events?limit=1"), HttpStatusCode.Forbidden, "scope_missing");
        Assert.Equal(HttpStatusCode.OK, (await both.GetAsync("/api/events?limit=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await both.GetAsync("/api/webhooks")).StatusCode);
        await ProblemAsync(await unknown.GetAsync("/api/events?limit=1"), HttpStatusCode.Forbidden, "scope_missing");

        // Erasing a customer's data is an admin's (a person's) act, and publishing a specialist's slots too.
        await ProblemAsync(await both.DeleteAsync($"/api/customers/{Guid.NewGuid():N}/personal-data"), HttpStatusCode.Forbidden, "role_not_allowed");
        var specialist = NewSpecialist();
        await ProblemAsync(
            await both.PostAsJsonAsync(Base, new { specialistEmail = specialist, specialistId = $"sub-{specialist}", date = Day(3), startTime = "10:00", endTime = "11:00" }),
            HttpStatusCode.Forbidden, "role_not_allowed");
    }

    [Fact]
    public async Task A_service_has_a_rate_limit_of_its_own_and_an_admin_none()
    {
        await using var api = Factory.WithWebHostBuilder(b => b.UseSetting("Slots:RateLimits:ServiceRequestsPerMinute", "2"));
        using var service = SlotsApiFactory.ClientOf(api, Factory.Tokens.Service("events:read", subject: $"svc-{Guid.NewGuid():N}"));
        using var admin = SlotsApiFactory.ClientOf(api, Factory.Tokens.Admin());

        Assert.Equal(HttpStatusCode.OK, (await service.GetAsync("/api/events?limit=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.GetAsync("/api/events?limit=1")).StatusCode);
        var refused = await service.GetAsync("/api/events?limit=1");

        var problem = await ProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Contains("at most 2 calls to the feed and the webhooks a minute per service", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/events?limit=1")).StatusCode);
        }
    }
}
