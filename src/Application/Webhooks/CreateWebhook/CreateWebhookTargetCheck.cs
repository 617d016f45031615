using Slots.Application.Common.Behaviors;

namespace Slots.Application.Webhooks.CreateWebhook;

/// <summary>
/// The target must be one the dispatcher may call (<see cref="IWebhookTargets"/>): its scheme, and every address its host
/// resolves to. Resolving may wait on DNS, so it is checked before the command's transaction, holding no connection.
/// </summary>
public sealed class CreateWebhookTargetCheck(IWebhookTargets targets) : ICheckBeforeTransaction<CreateWebhookCommand>
{
    public async ValueTask CheckAsync(CreateWebhookCommand message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await targets.RefusalAsync(new Uri(message.Url!, UriKind.Absolute), cancellationToken) is { } refusal)
        {
            throw WebhookErrors.TargetRefused(refusal);
        }
    }
}
