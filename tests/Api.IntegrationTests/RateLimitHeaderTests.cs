using System.Net;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// Every limited answer says what is left of the caller's budget (the IETF draft's <c>RateLimit-Policy</c> and
/// <c>RateLimit</c>), on successes and refusals alike; a route that names no policy spends from <c>requests</c>. Each
/// API here has small budgets (a token back every 20 s or more), so no token returns while a test runs.
/// </summary>
[Collection(ApiCollection.Name)]
public class RateLimitHeaderTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Each_booking_answer_says_how_many_are_left_until_the_refusal_says_none()
    {
        await using var api = Factory.WithWebHostBuilder(b => b.UseSetting("Slots:RateLimits:BookingsPerMinute", "3"));
        var specialist = NewSpecialist();
        var slots = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            slots.Add(Id(await CreateSlotAsync(specialist, days: 1 + i)));
        }

        var customer = $"budget-{Guid.NewGuid():N}";
        using var client = SlotsApiFactory.ClientOf(api, Factory.Tokens.Customer(customer));

        var answers = new List<HttpResponseMessage>();
        foreach (var slot in slots)
        {
            answers.Add(await BookAsync(client, slot, customer));
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        Assert.All(answers, a => Assert.Equal("\"bookings\";q=3;w=60", HeaderOf(a, "RateLimit-Policy")));
        // A token comes back every 20 s: r counts down, t is the time until all three are back.
        Assert.Equal(
            ["\"bookings\";r=2;t=20", "\"bookings\";r=1;t=40", "\"bookings\";r=0;t=60", "\"bookings\";r=0;t=60"],
            answers.Select(a => HeaderOf(a, "RateLimit")));
        await ProblemAsync(answers[3], HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Fact]
    public async Task A_route_without_a_policy_of_its_own_spends_from_the_callers_requests_budget()
    {
        await using var api = Factory.WithWebHostBuilder(b => b.UseSetting("Slots:RateLimits:RequestsPerMinute", "2"));
        var customer = $"reader-{Guid.NewGuid():N}";
        using var client = SlotsApiFactory.ClientOf(api, Factory.Tokens.Customer(customer));
        using var other = SlotsApiFactory.ClientOf(api, Factory.Tokens.Customer($"other-{Guid.NewGuid():N}"));

        var first = await client.GetAsync("/api/me/bookings");
        var second = await client.GetAsync("/api/me/bookings");
        var refused = await client.GetAsync("/api/me/bookings");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("\"requests\";r=1;t=30", HeaderOf(first, "RateLimit"));
        Assert.Equal("\"requests\";r=0;t=60", HeaderOf(second, "RateLimit"));
        var problem = await ProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Contains("at most 2 requests a minute per user", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("\"requests\";q=2;w=60", HeaderOf(refused, "RateLimit-Policy"));
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        // The budget is the caller's own.
        Assert.Equal("\"requests\";r=1;t=30", HeaderOf(await other.GetAsync("/api/me/bookings"), "RateLimit"));
    }

    [Fact]
    public async Task Refusals_before_the_handler_carry_the_budget_too_and_an_admin_has_none()
    {
        await using var api = Factory.WithWebHostBuilder(b => b.UseSetting("Slots:RateLimits:RequestsPerMinute", "50"));
        using var anonymous = SlotsApiFactory.ClientOf(api);
        using var customer = SlotsApiFactory.ClientOf(api, Factory.Tokens.Customer($"c-{Guid.NewGuid():N}"));
        using var admin = SlotsApiFactory.ClientOf(api, Factory.Tokens.Admin());

        // Not signed in: the address's budget, spent by the refusal (sign-in's 401 comes after the budget).
        var unauthenticated = await anonymous.GetAsync("/api/me/bookings");
        await ProblemAsync(unauthenticated, HttpStatusCode.Unauthorized);
        Assert.Equal("\"requests\";q=50;w=60", HeaderOf(unauthenticated, "RateLimit-Policy"));
        Assert.StartsWith("\"requests\";r=", HeaderOf(unauthenticated, "RateLimit"), StringComparison.Ordinal);
        // A 400 from the exception handler, which clears the answer's headers before it writes the problem.
        var invalid = await customer.GetAsync("/api/me/bookings?limit=0");
        await ProblemAsync(invalid, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal("\"requests\";r=49;t=2", HeaderOf(invalid, "RateLimit"));
        // An admin is not limited, and is told no budget.
        var unlimited = await admin.GetAsync($"{Base}/{Guid.NewGuid()}");
        await ProblemAsync(unlimited, HttpStatusCode.NotFound);
        Assert.False(unlimited.Headers.Contains("RateLimit"));
        Assert.False(unlimited.Headers.Contains("RateLimit-Policy"));
    }

    [Fact]
    public async Task A_calendar_feed_names_both_budgets_it_spends_from()
    {
        await using var api = Factory.WithWebHostBuilder(b => b
            .UseSetting("Slots:RateLimits:CalendarFeedReadsPerMinute", "2")
            .UseSetting("Slots:RateLimits:CalendarFeedsPerMinute", "4"));
        using var owner = SlotsApiFactory.ClientOf(api, Factory.Tokens.Customer($"feed-{Guid.NewGuid():N}"));
        var feed = new Uri((await BodyAsync(await owner.PostAsync("/api/me/calendar-feed", null))).GetProperty("url").GetString()!).PathAndQuery;
        using var anonymous = SlotsApiFactory.ClientOf(api);

        var first = await anonymous.GetAsync(feed);
        var second = await anonymous.GetAsync(feed);
        var refused = await anonymous.GetAsync(feed);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"calendar-feeds\";q=4;w=60, \"calendar-feed\";q=2;w=60", HeaderOf(first, "RateLimit-Policy"));
        Assert.Equal("\"calendar-feeds\";r=3;t=15, \"calendar-feed\";r=1;t=30", HeaderOf(first, "RateLimit"));
        Assert.Equal("\"calendar-feeds\";r=2;t=30, \"calendar-feed\";r=0;t=60", HeaderOf(second, "RateLimit"));
        await ProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal("\"calendar-feeds\";r=1;t=45, \"calendar-feed\";r=0;t=60", HeaderOf(refused, "RateLimit"));
    }
}
