using Mediator;
using Slots.Application.Common;
using Slots.Application.Common.Security;

namespace Slots.Application.Events.ListEvents;

/// <summary>The events after <see cref="After"/> (default: from the first), oldest first: internal services only.</summary>
public sealed record ListEventsQuery(string? After, int? Limit) : IQuery<Page<FeedEvent>>, IRestrictedRequest
{
    public static IReadOnlySet<Role> AllowedRoles => Allowed.AdminsOnly;

    public static ServiceScope? ServiceScope => Common.Security.ServiceScope.EventsRead;
}
