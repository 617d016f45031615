using System.Diagnostics;
using System.Net;
using Slots.Api.IntegrationTests.Infrastructure;

namespace Slots.Api.IntegrationTests;

/// <summary>A row lock held by another process for longer than a request may wait: 503 <c>slot_busy</c>, not a hang.</summary>
[Collection(ApiCollection.Name)]
public class LockTimeoutTests(SlotsApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task A_stuck_lock_holder_makes_a_booking_answer_slot_busy_after_the_lock_timeout()
    {
        var slot = Id(await CreateSlotAsync(NewSpecialist(), capacity: 5));
        // A budget longer than the session's lock_timeout (2 s), so the database's answer is the one seen.
        await using var api = Factory.WithWebHostBuilder(b => b.UseSetting("Slots:Waits:RequestBudget", "00:00:10"));
        using var client = SlotsApiFactory.ClientOf(api, Factory.Tokens.Admin());
        await using var holder = await Factory.HoldRowLockAsync(slot);

        var clock = Stopwatch.StartNew();
        var response = await BookAsync(client, slot, "behind-a-stuck-lock");

        await ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "slot_busy");
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(8));
        await holder.DisposeAsync();
        Assert.Equal(0, await Factory.ScalarAsync<int>("SELECT booked_count FROM slots WHERE id = $1", slot));
    }
}
