namespace Slots.Application.Events;

/// <summary>
/// The transactional outbox: an event added here is written in the command's own transaction, in the batch that
/// carries its changes and <c>COMMIT</c>, so it exists exactly when the change does. Nothing is sent from here.
/// </summary>
public interface IEventOutbox
{
    /// <summary>Records that <paramref name="type"/> happened to <paramref name="subject"/>: a slot, or a series for a series event.</summary>
    /// <returns>The event's id.</returns>
    Guid Add(string type, Guid subject, object data);
}
