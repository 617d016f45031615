namespace Slots.Application.Common.Security;

/// <summary>Who sent the request being handled; null when nobody signed in.</summary>
public interface ICurrentUser
{
    Actor? Actor { get; }
}
