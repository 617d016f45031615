using Mediator;
using Polly.Timeout;

namespace Slots.Application.Common.Waits;

/// <summary>
/// First in the pipeline: the request's one time budget (<see cref="WaitLimits.RequestBudget"/>). Every later
/// wait (the slot queue, the row lock, retries and their delays, each statement) runs on its cancellation token,
/// so however many wait on one slot, the request is answered within it; and whatever the database driver does with that
/// cancellation, the request waits for the rest of the pipeline at most <see cref="LateWork.Grace"/> longer.
/// </summary>
public sealed class TimeBudgetBehavior<TMessage, TResponse>(TimeBudget budget, LateWork late) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await budget.Pipeline.ExecuteAsync(
                static async (state, ct) => await state.late.WithinAsync(inner => state.next(state.message, inner).AsTask(), ct),
                (next, message, late),
                cancellationToken);
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
