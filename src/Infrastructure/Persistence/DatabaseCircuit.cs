using Polly;
using Polly.CircuitBreaker;
using Slots.Application.Common;

namespace Slots.Infrastructure.Persistence;

/// <summary>
/// Polly's circuit breaker around every command and read, one per process. When most operations of the last ten
/// seconds (at least four) failed because the database could not be reached, the circuit opens: for one second
/// every request answers 503 at once, without a connection attempt, a retry or a place in a slot's queue. Then
/// the next operation is let through as a probe; its success closes the circuit, its failure opens it again.
/// </summary>
/// <remarks>
/// The breaker sits outside the execution strategy, so a failure that a retry repaired (a cut connection) does
/// not count; only operations that failed in the end do. <see cref="RunAsync"/> is also where a wait the session's
/// timeouts ended becomes the 503 it stands for (<see cref="DatabaseFailures.AsBusy"/>), for commands and reads alike.
/// </remarks>
public sealed class DatabaseCircuit
{
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(1);

    // Polly's own clock (the system's): a test's fake clock, which stands still, would hold the circuit open.
    public DatabaseCircuit()
    {
        var state = new CircuitBreakerStateProvider();
        SlotsMetrics.ObserveCircuitState(() => state.CircuitState switch
        {
            CircuitState.Closed => 0,
            CircuitState.Open => 1,
            CircuitState.HalfOpen => 2,
            _ => 3,
        });
        Pipeline = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = BreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(DatabaseFailures.IsUnavailable),
                StateProvider = state,
            })
            .Build();
    }

    private ResiliencePipeline Pipeline { get; }

    /// <summary>Runs one whole operation (with its retries) through the breaker.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await Pipeline.ExecuteAsync(static async (operation, ct) => await operation(ct), operation, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && DatabaseFailures.AsBusy(ex) is { } busy)
        {
            throw busy;
        }
    }
}
