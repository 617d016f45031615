using Mediator;
using Slots.Application.Calendars.ReadCalendarFeed;
using Slots.Application.Common.Security;
using Slots.Application.Slots;
using Slots.Application.Slots.ListAvailableSlots;
using Slots.Application.Slots.Policies.GetPolicy;
using Slots.Application.Specialists.FindSpecialists;
using Slots.Application.Specialists.GetProfile;

namespace Slots.Architecture.Tests;

/// <summary>A new command or query cannot forget to say who may send it.</summary>
public class SecurityTests
{
    // The only requests anyone may send without signing in: the customer-facing availability view, the policy a
    // customer reads before booking, who the specialist is and the directory that finds them, and a calendar feed (its
    // URL's token is the key: calendar apps send no bearer token).
    private static readonly Type[] Public =
    [
        typeof(ListAvailableSlotsQuery), typeof(GetPolicyQuery), typeof(GetProfileQuery), typeof(FindSpecialistsQuery),
        typeof(ReadCalendarFeedQuery),
    ];

    [Fact]
    public void Every_request_but_the_public_ones_is_restricted()
    {
        var requests = typeof(ISlotRepository).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMessage).IsAssignableFrom(t))
            .ToList();
        var unrestricted = requests
            .Where(t => !typeof(IRestrictedRequest).IsAssignableFrom(t) && !Public.Contains(t))
            .Select(t => t.Name);

        Assert.True(requests.Count >= 8, $"found only {requests.Count} requests");
        Assert.Empty(unrestricted);
    }
}
