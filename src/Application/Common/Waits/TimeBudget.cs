using Polly;

namespace Slots.Application.Common.Waits;

/// <summary>The request budget as Polly's timeout, which tells the budget running out apart from the client hanging up.</summary>
public sealed class TimeBudget(WaitLimits limits)
{
    public TimeSpan Duration { get; } = limits.RequestBudget;

    public ResiliencePipeline Pipeline { get; } = new ResiliencePipelineBuilder().AddTimeout(limits.RequestBudget).Build();
}
