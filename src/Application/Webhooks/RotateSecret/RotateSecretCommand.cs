using Mediator;
using Slots.Application.Common.Security;

namespace Slots.Application.Webhooks.RotateSecret;

/// <summary>
/// Gives a subscription a new signing secret. The one it replaces keeps signing beside it for
/// <see cref="KeepPreviousMinutes"/> (a day when left out; 0 ends it at once, for a secret that leaked), so that receivers
/// can switch to the new one without refusing a delivery in between.
/// </summary>
public sealed record RotateSecretCommand(Guid WebhookId, int? KeepPreviousMinutes) : ICommand<RotatedSecretResponse>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.AdminsOnly;

    public static ServiceScope? ServiceScope => Common.Security.ServiceScope.WebhooksManage;
}
