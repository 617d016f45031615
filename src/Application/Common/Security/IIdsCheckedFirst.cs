namespace Slots.Application.Common.Security;

/// <summary>
/// A request whose ids alone can show that the caller acts for someone else (a customer cancelling or booking in
/// another customer's name). <see cref="Behaviors.AuthorizationBehavior{TMessage, TResponse}"/> checks it before the
/// slot's queue and the database, so such requests cannot take a place in a busy slot's line.
/// </summary>
public interface IIdsCheckedFirst
{
    /// <summary>Throws <see cref="AccessDeniedException"/> when the ids name someone the actor may not act for.</summary>
    void EnsureIdsAllowed(Actor actor);
}
