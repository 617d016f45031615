using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Common.Behaviors;

/// <summary>
/// First in the pipeline for every <see cref="IRestrictedRequest"/>: 401 without a signed-in caller, 403
/// without one of the request's roles, 403 when its ids alone name someone else (<see cref="IIdsCheckedFirst"/>).
/// Ownership of a slot is the handler's to check, once it has loaded the slot.
/// </summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(ICurrentUser user) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage, IRestrictedRequest
{
    public ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var actor = user.Require();
        actor.EnsureRole(TMessage.AllowedRoles, TMessage.ServiceScope);
        if (message is IIdsCheckedFirst ids)
        {
            ids.EnsureIdsAllowed(actor);
        }

        return next(message, cancellationToken);
    }
}
