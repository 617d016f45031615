using Slots.Application.Common.Security;

namespace Slots.Api.Security;

/// <summary>The caller of the current HTTP request (scoped: one per request).</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor http) : ICurrentUser
{
    private readonly Lazy<Actor?> _actor = new(() => http.HttpContext?.User is { Identity.IsAuthenticated: true } user
        ? ClaimsActor.From(user)
        : null);

    public Actor? Actor => _actor.Value;
}
