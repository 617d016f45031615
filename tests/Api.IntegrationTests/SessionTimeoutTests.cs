using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Slots.Api.IntegrationTests.Infrastructure;
using Slots.Infrastructure.Persistence;

namespace Slots.Api.IntegrationTests;

/// <summary>
/// The bounds PostgreSQL puts on the API's own sessions: what each session is given, a statement past its
/// <c>statement_timeout</c> answered 503 <c>database_timeout</c>, and a session left idle inside a transaction ended
/// by the server so that the slot it locked can be booked again.
/// </summary>
[Collection(ApiCollection.Name)]
public class SessionTimeoutTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task The_API_sessions_carry_the_lock_statement_and_idle_timeouts_and_tcp_keepalives()
    {
        var connectionString = ApiConnectionString(Factory);
        await using var session = new NpgsqlConnection(connectionString);
        await session.OpenAsync();

        Assert.Equal("2s", await ShowAsync(session, "lock_timeout"));
        Assert.Equal("5s", await ShowAsync(session, "statement_timeout"));
        Assert.Equal("10s", await ShowAsync(session, "idle_in_transaction_session_timeout"));
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        Assert.True(settings.TcpKeepAlive);
        Assert.InRange(settings.TcpKeepAliveTime, 1, 30);
        Assert.Equal(5, settings.CommandTimeout);
    }

    /// <summary>
    /// An operator's own <c>Options</c> keep what they say, and the session timeouts they do not set are added to them:
    /// a connection string with a search path once had no timeouts at all. Checked on a session of an API started so.
    /// </summary>
    [Fact]
    public async Task An_operators_options_keep_theirs_and_get_the_timeouts_they_leave_out()
    {
        await using var api = Factory.WithWebHostBuilder(b => b.UseSetting(
            "ConnectionStrings:Slots",
            new NpgsqlConnectionStringBuilder(Factory.ConnectionString) { Options = "-c search_path=public -c statement_timeout=7000" }.ConnectionString));
        await using var session = new NpgsqlConnection(ApiConnectionString(api));
        await session.OpenAsync();

        Assert.Equal("public", await ShowAsync(session, "search_path"));
        Assert.Equal("7s", await ShowAsync(session, "statement_timeout"));
        Assert.Equal("2s", await ShowAsync(session, "lock_timeout"));
        Assert.Equal("10s", await ShowAsync(session, "idle_in_transaction_session_timeout"));
    }

    [Fact]
    public async Task A_statement_past_the_statement_timeout_answers_503_database_timeout()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 5));
        // The session's statement_timeout made shorter than its lock_timeout and the request's budget, so the wait for a
        // held row lock is ended by the statement timeout.
        await using var api = Factory.WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Slots", new NpgsqlConnectionStringBuilder(Factory.ConnectionString)
            {
                Options = "-c statement_timeout=300 -c lock_timeout=5000",
            }.ConnectionString)
            .UseSetting("Slots:Waits:RequestBudget", "00:00:10"));
        using var client = SlotsApiFactory.ClientOf(api, Factory.Tokens.Admin());
        await using var holder = await Factory.HoldRowLockAsync(slot);

        var clock = Stopwatch.StartNew();
        var response = await BookAsync(client, slot, "past-the-statement-timeout");

        await ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "database_timeout");
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"answered after {clock.Elapsed}, not at the statement timeout");
    }

    /// <summary>
    /// A stuck API process (its own session settings) that locked a slot and went idle inside its transaction: bookings
    /// answer 503 (<c>slot_busy</c> or <c>time_budget_exceeded</c>) while it holds the lock, and once the server ends it after
    /// <c>idle_in_transaction_session_timeout</c> (10 s), the next booking succeeds.
    /// </summary>
    [Fact]
    public async Task A_session_idle_in_its_transaction_is_ended_by_the_server_and_its_slot_is_bookable_again()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 5));
        await using var stuck = await Factory.HoldRowLockAsync(slot, ApiConnectionString(Factory));

        var clock = Stopwatch.StartNew();
        var busy = 0;
        HttpResponseMessage response;
        while ((response = await BookAsync(Client, slot, $"after-idle-{clock.ElapsedMilliseconds}")).StatusCode != HttpStatusCode.Created
            && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            // The session's lock_timeout and the request's budget are both 2 s; whichever ends the wait first answers.
            var problem = await ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Contains(problem.GetProperty("code").GetString(), new[] { "slot_busy", "time_budget_exceeded" });
            busy++;
        }

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(busy > 0, "the lock was never seen held");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(20));
        await using var next = new NpgsqlCommand("SELECT 1", stuck);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => next.ExecuteScalarAsync());
    }

    /// <summary>The connection string the API's own sessions are opened with (the configured one, tuned).</summary>
    private static string ApiConnectionString(WebApplicationFactory<Program> api)
    {
        using var scope = api.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<SlotsDbContext>().Database.GetConnectionString()
            ?? throw new InvalidOperationException("The API's context has no connection string.");
    }

    private static async Task<string?> ShowAsync(NpgsqlConnection session, string setting)
    {
        await using var show = new NpgsqlCommand($"SHOW {setting}", session);
        return (string?)await show.ExecuteScalarAsync();
    }
}
