using Mediator;
using Slots.Application.Common.Security;
using Slots.Application.Common.Webhooks;

namespace Slots.Application.Webhooks.DeleteWebhook;

/// <summary>Ends a subscription; its deliveries, sent or not, go with it.</summary>
public sealed record DeleteWebhookCommand(Guid WebhookId) : ICommand, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.AdminsOnly;
}

public sealed class DeleteWebhookHandler(IWebhookStore webhooks) : ICommandHandler<DeleteWebhookCommand>
{
    public async ValueTask<Unit> Handle(DeleteWebhookCommand command, CancellationToken cancellationToken) =>
        await webhooks.DeleteAsync(command.WebhookId, cancellationToken) ? Unit.Value : throw WebhookErrors.NotFound(command.WebhookId);
}
