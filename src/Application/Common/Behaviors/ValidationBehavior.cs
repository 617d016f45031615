using FluentValidation;
using Mediator;

namespace Slots.Application.Common.Behaviors;

/// <summary>
/// Runs every FluentValidation validator of a message before its handler, then, when they pass, its checks that wait on
/// something outside the database (<see cref="ICheckBeforeTransaction{TMessage}"/>): both before the transaction opens.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(
    IEnumerable<IValidator<TMessage>> validators, IEnumerable<ICheckBeforeTransaction<TMessage>> checks)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        foreach (var check in checks)
        {
            await check.CheckAsync(message, cancellationToken);
        }

        return await next(message, cancellationToken);
    }
}
