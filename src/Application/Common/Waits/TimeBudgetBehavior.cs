using Mediator;
using Polly.Timeout;

namespace Slots.Application.Common.Waits;

/// <summary>
/// First in the pipeline: the request's one time budget (<see cref="WaitLimits.RequestBudget"/>). Every later
/// wait (the slot queue, the row lock, retries and their delays, each statement) runs on its cancellation token,
/// so however many wait on one slot and whatever the database does, the request is answered within it.
/// </summary>
public sealed class TimeBudgetBehavior<TMessage, TResponse>(TimeBudget budget) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await budget.Pipeline.ExecuteAsync(
                static (state, ct) => state.next(state.message, ct), (next, message), cancellationToken);
        }
        catch (TimeoutRejectedException timeout)
        {
            throw new ServiceBusyException(
                "time_budget_exceeded",
                $"The request could not be completed within {budget.Duration.TotalSeconds:0.#} s; try again shortly.",
                TimeSpan.FromSeconds(1),
                timeout);
        }
    }
}
