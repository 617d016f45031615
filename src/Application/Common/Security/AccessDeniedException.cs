namespace Slots.Application.Common.Security;

/// <summary>
/// The caller may not do this: 401 when nobody signed in (<see cref="Unauthenticated"/>), 403 otherwise.
/// <see cref="Code"/> is stable: <c>unauthenticated</c>, <c>role_not_allowed</c>, <c>not_yourself</c>.
/// </summary>
public sealed class AccessDeniedException(string code, string message, bool unauthenticated = false) : Exception(message)
{
    public string Code { get; } = code;

    public bool Unauthenticated { get; } = unauthenticated;
}
