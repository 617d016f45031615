using Mediator;

namespace Slots.Application.Common.Behaviors;

/// <summary>Wraps each command in one transaction; handlers never save or commit themselves.</summary>
public sealed class UnitOfWorkBehavior<TMessage, TResponse>(IUnitOfWork unitOfWork)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IBaseCommand
{
    public ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken) =>
        new(unitOfWork.ExecuteAsync(ct => next(message, ct).AsTask(), cancellationToken));
}
