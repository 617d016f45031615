using Mediator;

namespace Slots.Application.Common.Waits;

/// <summary>Takes a place in the slot's <see cref="SlotQueue"/> before the command's transaction begins, and leaves it after it ends.</summary>
public sealed class SlotQueueBehavior<TMessage, TResponse>(SlotQueue queue) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage, ISlotCommand
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var arrived = System.Diagnostics.Stopwatch.GetTimestamp();
        using var turn = await queue.EnterAsync(message.SlotId, cancellationToken);
        SlotsMetrics.QueueWait.Record(SlotsMetrics.MillisecondsSince(arrived));
        return await next(message, cancellationToken);
    }
}
