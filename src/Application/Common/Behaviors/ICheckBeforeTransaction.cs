namespace Slots.Application.Common.Behaviors;

/// <summary>
/// A check of a message that may wait on something slow outside the database (a DNS look-up), so it runs with the
/// validators (<see cref="ValidationBehavior{TMessage,TResponse}"/>), once they pass, and before the unit of work opens the
/// command's transaction: no connection is held while it waits. It refuses by throwing.
/// </summary>
public interface ICheckBeforeTransaction<in TMessage>
{
    ValueTask CheckAsync(TMessage message, CancellationToken cancellationToken);
}
