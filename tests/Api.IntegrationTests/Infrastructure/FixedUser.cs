using Slots.Application.Common.Security;

namespace Slots.Api.IntegrationTests.Infrastructure;

/// <summary>The caller, for tests that drive a handler directly instead of over HTTP.</summary>
public sealed record FixedUser(Actor? Actor) : ICurrentUser
{
    public static FixedUser Admin { get; } = new(new Actor(SlotsApiFactory.Issuer, "svc-test", null, null, new HashSet<Role> { Role.Admin }));
}
