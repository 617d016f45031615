using Slots.Application.Common.Security;

namespace Slots.Api.Security;

/// <summary>
/// The caller of the current HTTP request: the <see cref="Application.Common.Security.Actor"/> that sign-in
/// read from a valid token (see <see cref="Authentication"/>), or null when there was none.
/// </summary>
public sealed class HttpCurrentUser(IHttpContextAccessor http) : ICurrentUser
{
    public Actor? Actor => http.HttpContext?.Features.Get<Actor>();
}
