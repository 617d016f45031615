namespace Slots.Application.Common.Security;

/// <summary>
/// What an internal service (<see cref="Role.Service"/>) may do, from its token's <c>scope</c> claim (space-separated):
/// each service gets what it needs and no more, unlike an admin.
/// </summary>
public enum ServiceScope
{
    /// <summary><c>events:read</c>: read the event feed.</summary>
    EventsRead,

    /// <summary><c>webhooks:manage</c>: subscribe, list, replay and delete webhooks.</summary>
    WebhooksManage,

    /// <summary><c>bookings:write</c>: book and cancel seats on a customer's behalf, naming the customer in full.</summary>
    BookingsWrite,
}

public static class ServiceScopes
{
    /// <summary>Each scope's name in tokens and in the document.</summary>
    public static readonly IReadOnlyDictionary<ServiceScope, string> Names = new Dictionary<ServiceScope, string>
    {
        [ServiceScope.EventsRead] = "events:read",
        [ServiceScope.WebhooksManage] = "webhooks:manage",
        [ServiceScope.BookingsWrite] = "bookings:write",
    };

    /// <summary>The known scopes a <c>scope</c> claim names; unknown names are ignored.</summary>
    public static IReadOnlySet<ServiceScope> Parse(string? claim) =>
        (claim ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(name => Names.Where(n => n.Value == name).Select(n => n.Key))
            .ToHashSet();
}
