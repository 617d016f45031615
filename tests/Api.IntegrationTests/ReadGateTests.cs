using Slots.Application.Common.Waits;
using Slots.Infrastructure.Persistence;

namespace Slots.Api.IntegrationTests;

/// <summary>Reads never hold the connections a busy slot's commands need; the rest wait their turn, within their budget.</summary>
public class ReadGateTests
{
    [Theory]
    [InlineData(8, 6)]
    [InlineData(3, 1)]
    [InlineData(1, 1)]
    public void Reads_may_use_all_but_two_of_the_pools_connections(int pool, int permits) =>
        Assert.Equal(permits, new ReadGate(pool).Permits);

    [Fact]
    public async Task A_read_beyond_the_share_waits_for_one_to_end_and_a_wait_ends_with_the_budget()
    {
        var gate = new ReadGate(8);
        var release = new TaskCompletionSource();
        var holding = Enumerable.Range(0, gate.Permits).Select(_ => gate.RunAsync(async _ => { await release.Task; return 1; }, default)).ToList();

        var next = gate.RunAsync(_ => Task.FromResult(2), default);
        using var budget = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var outOfTime = gate.RunAsync(_ => Task.FromResult(3), budget.Token);
        await Task.Delay(100);
        Assert.False(next.IsCompleted);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => outOfTime);
        release.SetResult();
        Assert.Equal(2, await next.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.All(await Task.WhenAll(holding), r => Assert.Equal(1, r));
    }

    [Fact]
    public async Task Too_many_waiting_reads_are_turned_away_at_once()
    {
        var gate = new ReadGate(3);
        var release = new TaskCompletionSource();
        var held = Enumerable.Range(0, gate.Permits * (1 + ReadGate.WaitingReadsPerPermit))
            .Select(_ => gate.RunAsync(async _ => { await release.Task; return 0; }, default)).ToList();

        var refused = await Assert.ThrowsAsync<ServiceBusyException>(() => gate.RunAsync(_ => Task.FromResult(0), default));

        Assert.Equal("reads_busy", refused.Code);
        release.SetResult();
        await Task.WhenAll(held).WaitAsync(TimeSpan.FromSeconds(5));
    }
}
